terraform {
  required_version = ">= 1.11.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.25.0"
    }
  }
  backend "s3" {
    bucket       = "dnssec-cdktf-example-tfstate"
    encrypt      = true
    key          = "dnssec-cdktf/app.tfstate"
    region       = "us-east-2"
    use_lockfile = true
  }
}

provider "aws" {
  region = "us-east-2"
  default_tags {
    tags = {
      ManagedBy = "dnssec-cdktf"
      Project   = "dnssec-demo"
      Stack     = "app"
    }
  }
}

provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
  default_tags {
    tags = {
      ManagedBy = "dnssec-cdktf"
      Project   = "dnssec-demo"
      Stack     = "app"
    }
  }
}

data "aws_ami" "compute_ami" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["al2023-ami-2023.*-x86_64"]
  }
  filter {
    name   = "virtualization-type"
    values = ["hvm"]
  }
}

data "aws_availability_zones" "network_zones" {
  state = "available"
}

data "aws_caller_identity" "dnssec_account" {
  provider = aws.us_east_1
}

data "aws_caller_identity" "dnssec_alarms_account" {
  provider = aws.us_east_1
}

data "aws_caller_identity" "load_balancer_account" {}

data "aws_caller_identity" "network_account" {}

data "aws_caller_identity" "query_logging_account" {
  provider = aws.us_east_1
}

data "aws_caller_identity" "waf_account" {}

data "aws_iam_policy_document" "dnssec_alarms_topic_key_policy" {
  provider = aws.us_east_1
  statement {
    actions   = ["kms:*"]
    effect    = "Allow"
    resources = ["*"]
    sid       = "EnableAccountAdministration"
    principals {
      identifiers = [
        "arn:${data.aws_partition.dnssec_alarms_partition.partition}:iam::${data.aws_caller_identity.dnssec_alarms_account.account_id}:root",
      ]
      type = "AWS"
    }
  }
  statement {
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    effect    = "Allow"
    resources = ["*"]
    sid       = "AllowCloudWatchAlarmsToPublish"
    condition {
      test     = "StringEquals"
      values   = [data.aws_caller_identity.dnssec_alarms_account.account_id]
      variable = "aws:SourceAccount"
    }
    principals {
      identifiers = ["cloudwatch.amazonaws.com"]
      type        = "Service"
    }
  }
}

data "aws_iam_policy_document" "dnssec_ksk_1_policy_document" {
  provider = aws.us_east_1
  statement {
    actions   = ["kms:*"]
    effect    = "Allow"
    resources = ["*"]
    sid       = "EnableAccountAdministration"
    principals {
      identifiers = [
        "arn:${data.aws_partition.dnssec_partition.partition}:iam::${data.aws_caller_identity.dnssec_account.account_id}:root",
      ]
      type = "AWS"
    }
  }
  statement {
    actions   = ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"]
    effect    = "Allow"
    resources = ["*"]
    sid       = "AllowRoute53DnssecService"
    condition {
      test     = "StringEquals"
      values   = [data.aws_caller_identity.dnssec_account.account_id]
      variable = "aws:SourceAccount"
    }
    condition {
      test = "ArnEquals"
      values = [
        "arn:${data.aws_partition.dnssec_partition.partition}:route53:::hostedzone/${nonsensitive(data.terraform_remote_state.cross_stack_reference_input_zone.outputs.cross_stack_output_aws_route53_zone_hosted_zone_zone_zone_id)}",
      ]
      variable = "aws:SourceArn"
    }
    principals {
      identifiers = ["dnssec-route53.amazonaws.com"]
      type        = "Service"
    }
  }
  statement {
    actions   = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"]
    effect    = "Allow"
    resources = ["*"]
    sid       = "AllowRoute53DnssecToCreateGrant"
    condition {
      test     = "Bool"
      values   = ["true"]
      variable = "kms:GrantIsForAWSResource"
    }
    principals {
      identifiers = ["dnssec-route53.amazonaws.com"]
      type        = "Service"
    }
  }
}

data "aws_iam_policy_document" "load_balancer_access_log_policy_document" {
  statement {
    actions = ["s3:PutObject"]
    effect  = "Allow"
    resources = [
      "${aws_s3_bucket.load_balancer_access_log_bucket.arn}/AWSLogs/${data.aws_caller_identity.load_balancer_account.account_id}/*",
    ]
    sid = "AllowLoadBalancerAccessLogs"
    principals {
      identifiers = ["arn:aws:iam::033677994240:root"]
      type        = "AWS"
    }
  }
  statement {
    actions = ["s3:*"]
    effect  = "Deny"
    resources = [
      aws_s3_bucket.load_balancer_access_log_bucket.arn,
      "${aws_s3_bucket.load_balancer_access_log_bucket.arn}/*",
    ]
    sid = "DenyInsecureTransport"
    condition {
      test     = "Bool"
      values   = ["false"]
      variable = "aws:SecureTransport"
    }
    principals {
      identifiers = ["*"]
      type        = "*"
    }
  }
}

data "aws_iam_policy_document" "network_flow_log_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]
    effect  = "Allow"
    condition {
      test     = "StringEquals"
      values   = [data.aws_caller_identity.network_account.account_id]
      variable = "aws:SourceAccount"
    }
    condition {
      test = "ArnLike"
      values = [
        "arn:${data.aws_partition.network_partition.partition}:ec2:*:${data.aws_caller_identity.network_account.account_id}:vpc-flow-log/*",
      ]
      variable = "aws:SourceArn"
    }
    principals {
      identifiers = ["vpc-flow-logs.amazonaws.com"]
      type        = "Service"
    }
  }
}

data "aws_iam_policy_document" "network_flow_log_write" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    effect    = "Allow"
    resources = ["${aws_cloudwatch_log_group.network_flow_log_group.arn}:*"]
  }
  statement {
    actions   = ["logs:DescribeLogGroups"]
    effect    = "Allow"
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "query_logging_log_key_policy_document" {
  provider = aws.us_east_1
  statement {
    actions   = ["kms:*"]
    effect    = "Allow"
    resources = ["*"]
    sid       = "EnableAccountAdministration"
    principals {
      identifiers = [
        "arn:${data.aws_partition.query_logging_partition.partition}:iam::${data.aws_caller_identity.query_logging_account.account_id}:root",
      ]
      type = "AWS"
    }
  }
  statement {
    actions = [
      "kms:Encrypt*",
      "kms:Decrypt*",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:Describe*",
    ]
    effect    = "Allow"
    resources = ["*"]
    sid       = "AllowCloudWatchLogsForThisLogGroup"
    condition {
      test = "ArnEquals"
      values = [
        "arn:${data.aws_partition.query_logging_partition.partition}:logs:us-east-1:${data.aws_caller_identity.query_logging_account.account_id}:log-group:/aws/route53/dnssec-demo",
      ]
      variable = "kms:EncryptionContext:aws:logs:arn"
    }
    principals {
      identifiers = ["logs.us-east-1.amazonaws.com"]
      type        = "Service"
    }
  }
}

data "aws_iam_policy_document" "query_logging_resource_policy_document" {
  provider = aws.us_east_1
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    effect    = "Allow"
    resources = ["${aws_cloudwatch_log_group.query_logging_log_group.arn}:*"]
    sid       = "Route53QueryLogsToCloudWatchLogs"
    condition {
      test     = "StringEquals"
      values   = [data.aws_caller_identity.query_logging_account.account_id]
      variable = "aws:SourceAccount"
    }
    condition {
      test = "ArnEquals"
      values = [
        "arn:${data.aws_partition.query_logging_partition.partition}:route53:::hostedzone/${nonsensitive(data.terraform_remote_state.cross_stack_reference_input_zone.outputs.cross_stack_output_aws_route53_zone_hosted_zone_zone_zone_id)}",
      ]
      variable = "aws:SourceArn"
    }
    principals {
      identifiers = ["route53.amazonaws.com"]
      type        = "Service"
    }
  }
}

data "aws_iam_policy_document" "waf_log_key_policy_document" {
  statement {
    actions   = ["kms:*"]
    effect    = "Allow"
    resources = ["*"]
    sid       = "EnableAccountAdministration"
    principals {
      identifiers = [
        "arn:${data.aws_partition.waf_partition.partition}:iam::${data.aws_caller_identity.waf_account.account_id}:root",
      ]
      type = "AWS"
    }
  }
  statement {
    actions = [
      "kms:Encrypt*",
      "kms:Decrypt*",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:Describe*",
    ]
    effect    = "Allow"
    resources = ["*"]
    sid       = "AllowCloudWatchLogsForThisLogGroup"
    condition {
      test = "ArnEquals"
      values = [
        "arn:${data.aws_partition.waf_partition.partition}:logs:us-east-2:${data.aws_caller_identity.waf_account.account_id}:log-group:aws-waf-logs-dnssec-demo",
      ]
      variable = "kms:EncryptionContext:aws:logs:arn"
    }
    principals {
      identifiers = ["logs.us-east-2.amazonaws.com"]
      type        = "Service"
    }
  }
}

data "aws_partition" "dnssec_alarms_partition" {
  provider = aws.us_east_1
}

data "aws_partition" "dnssec_partition" {
  provider = aws.us_east_1
}

data "aws_partition" "network_partition" {}

data "aws_partition" "query_logging_partition" {
  provider = aws.us_east_1
}

data "aws_partition" "waf_partition" {}

data "terraform_remote_state" "cross_stack_reference_input_zone" {
  backend = "s3"
  config = {
    bucket  = "dnssec-cdktf-example-tfstate"
    encrypt = true
    key     = "dnssec-cdktf/zone.tfstate"
    region  = "us-east-2"
  }
  workspace = terraform.workspace
}

resource "aws_acm_certificate" "certificate_certificate" {
  domain_name       = "example.com"
  validation_method = "DNS"
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_acm_certificate_validation" "certificate_validation" {
  certificate_arn         = aws_acm_certificate.certificate_certificate.arn
  validation_record_fqdns = [for key, val in aws_route53_record.certificate_validation_record : val.fqdn]
}

resource "aws_cloudwatch_log_group" "network_flow_log_group" {
  name              = "/aws/vpc/dnssec-demo/flow-logs"
  retention_in_days = 365
}

resource "aws_cloudwatch_log_group" "query_logging_log_group" {
  provider          = aws.us_east_1
  kms_key_id        = aws_kms_key.query_logging_log_key_key.arn
  name              = "/aws/route53/dnssec-demo"
  retention_in_days = 365
}

resource "aws_cloudwatch_log_group" "waf_log_group" {
  kms_key_id        = aws_kms_key.waf_log_key_key.arn
  name              = "aws-waf-logs-dnssec-demo"
  retention_in_days = 365
}

resource "aws_cloudwatch_log_resource_policy" "query_logging_resource_policy" {
  provider        = aws.us_east_1
  policy_document = data.aws_iam_policy_document.query_logging_resource_policy_document.json
  policy_name     = "dnssec-demo-route53-query-logging"
}

resource "aws_cloudwatch_metric_alarm" "dnssec_alarms_internal_failure" {
  provider            = aws.us_east_1
  alarm_actions       = [aws_sns_topic.dnssec_alarms_topic.arn]
  alarm_description   = "Route 53 reports INTERNAL_FAILURE for DNSSEC in this zone. Enable or disable signing again to recover, as the Route 53 guide describes."
  alarm_name          = "dnssec-demo-DNSSECInternalFailure"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  dimensions = {
    HostedZoneId = nonsensitive(data.terraform_remote_state.cross_stack_reference_input_zone.outputs.cross_stack_output_aws_route53_zone_hosted_zone_zone_zone_id)
  }
  evaluation_periods = 1
  metric_name        = "DNSSECInternalFailure"
  namespace          = "AWS/Route53"
  ok_actions         = [aws_sns_topic.dnssec_alarms_topic.arn]
  period             = 14400
  statistic          = "Sum"
  threshold          = 1
  treat_missing_data = "notBreaching"
}

resource "aws_cloudwatch_metric_alarm" "dnssec_alarms_ksk_needing_action" {
  provider            = aws.us_east_1
  alarm_actions       = [aws_sns_topic.dnssec_alarms_topic.arn]
  alarm_description   = "A key-signing key needs action (ACTION_NEEDED): its KMS key was disabled, deleted or its policy changed. Restore the key or policy before the DNSKEY signatures expire."
  alarm_name          = "dnssec-demo-DNSSECKeySigningKeysNeedingAction"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  dimensions = {
    HostedZoneId = nonsensitive(data.terraform_remote_state.cross_stack_reference_input_zone.outputs.cross_stack_output_aws_route53_zone_hosted_zone_zone_zone_id)
  }
  evaluation_periods = 1
  metric_name        = "DNSSECKeySigningKeysNeedingAction"
  namespace          = "AWS/Route53"
  ok_actions         = [aws_sns_topic.dnssec_alarms_topic.arn]
  period             = 14400
  statistic          = "Sum"
  threshold          = 1
  treat_missing_data = "notBreaching"
}

resource "aws_default_security_group" "network_default_security_group" {
  tags = {
    Name = "dnssec-demo-default-deny"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_eip" "network_nat_eip_1" {
  domain = "vpc"
  tags = {
    Name = "dnssec-demo-nat-1"
  }
  depends_on = [aws_internet_gateway.network_internet_gateway]
}

resource "aws_eip" "network_nat_eip_2" {
  domain = "vpc"
  tags = {
    Name = "dnssec-demo-nat-2"
  }
  depends_on = [aws_internet_gateway.network_internet_gateway]
}

resource "aws_eip" "network_nat_eip_3" {
  domain = "vpc"
  tags = {
    Name = "dnssec-demo-nat-3"
  }
  depends_on = [aws_internet_gateway.network_internet_gateway]
}

resource "aws_flow_log" "network_flow_log" {
  iam_role_arn             = aws_iam_role.network_flow_log_role.arn
  log_destination          = aws_cloudwatch_log_group.network_flow_log_group.arn
  log_destination_type     = "cloud-watch-logs"
  max_aggregation_interval = 60
  traffic_type             = "ALL"
  vpc_id                   = aws_vpc.network_vpc.id
  depends_on               = [aws_iam_role_policy.network_flow_log_role_policy]
}

resource "aws_iam_role" "network_flow_log_role" {
  assume_role_policy = data.aws_iam_policy_document.network_flow_log_assume_role.json
  name               = "dnssec-demo-vpc-flow-logs"
}

resource "aws_iam_role_policy" "network_flow_log_role_policy" {
  policy = data.aws_iam_policy_document.network_flow_log_write.json
  role   = aws_iam_role.network_flow_log_role.id
}

resource "aws_instance" "compute_instance_1" {
  ami                         = data.aws_ami.compute_ami.id
  associate_public_ip_address = false
  ebs_optimized               = true
  instance_type               = "t3.micro"
  monitoring                  = true
  subnet_id                   = aws_subnet.network_private_subnet_1.id
  tags = {
    Name = "dnssec-demo-server-1"
  }
  user_data                   = <<EOT
#!/bin/bash
# Serves a static page on port 80 for the load balancer's health check and for users.
set -euo pipefail
dnf install -y httpd
cat > /var/www/html/index.html <<'HTML'
<!doctype html>
<html><head><title>dnssec-cdktf</title></head>
<body><h1>Served behind a DNSSEC-signed name</h1></body></html>
HTML
systemctl enable --now httpd
EOT
  user_data_replace_on_change = true
  vpc_security_group_ids      = [aws_security_group.compute_security_group.id]
  metadata_options {
    http_endpoint               = "enabled"
    http_put_response_hop_limit = 1
    http_tokens                 = "required"
  }
  root_block_device {
    delete_on_termination = true
    encrypted             = true
    volume_type           = "gp3"
  }
  lifecycle {
    ignore_changes = [ami]
  }
}

resource "aws_instance" "compute_instance_2" {
  ami                         = data.aws_ami.compute_ami.id
  associate_public_ip_address = false
  ebs_optimized               = true
  instance_type               = "t3.micro"
  monitoring                  = true
  subnet_id                   = aws_subnet.network_private_subnet_2.id
  tags = {
    Name = "dnssec-demo-server-2"
  }
  user_data                   = <<EOT
#!/bin/bash
# Serves a static page on port 80 for the load balancer's health check and for users.
set -euo pipefail
dnf install -y httpd
cat > /var/www/html/index.html <<'HTML'
<!doctype html>
<html><head><title>dnssec-cdktf</title></head>
<body><h1>Served behind a DNSSEC-signed name</h1></body></html>
HTML
systemctl enable --now httpd
EOT
  user_data_replace_on_change = true
  vpc_security_group_ids      = [aws_security_group.compute_security_group.id]
  metadata_options {
    http_endpoint               = "enabled"
    http_put_response_hop_limit = 1
    http_tokens                 = "required"
  }
  root_block_device {
    delete_on_termination = true
    encrypted             = true
    volume_type           = "gp3"
  }
  lifecycle {
    ignore_changes = [ami]
  }
}

resource "aws_instance" "compute_instance_3" {
  ami                         = data.aws_ami.compute_ami.id
  associate_public_ip_address = false
  ebs_optimized               = true
  instance_type               = "t3.micro"
  monitoring                  = true
  subnet_id                   = aws_subnet.network_private_subnet_3.id
  tags = {
    Name = "dnssec-demo-server-3"
  }
  user_data                   = <<EOT
#!/bin/bash
# Serves a static page on port 80 for the load balancer's health check and for users.
set -euo pipefail
dnf install -y httpd
cat > /var/www/html/index.html <<'HTML'
<!doctype html>
<html><head><title>dnssec-cdktf</title></head>
<body><h1>Served behind a DNSSEC-signed name</h1></body></html>
HTML
systemctl enable --now httpd
EOT
  user_data_replace_on_change = true
  vpc_security_group_ids      = [aws_security_group.compute_security_group.id]
  metadata_options {
    http_endpoint               = "enabled"
    http_put_response_hop_limit = 1
    http_tokens                 = "required"
  }
  root_block_device {
    delete_on_termination = true
    encrypted             = true
    volume_type           = "gp3"
  }
  lifecycle {
    ignore_changes = [ami]
  }
}

resource "aws_internet_gateway" "network_internet_gateway" {
  tags = {
    Name = "dnssec-demo-igw"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_kms_alias" "dnssec_alarms_topic_key_alias" {
  provider      = aws.us_east_1
  name          = "alias/dnssec-demo-dnssec-alarms"
  target_key_id = aws_kms_key.dnssec_alarms_topic_key.key_id
}

resource "aws_kms_alias" "dnssec_ksk_1_alias" {
  provider      = aws.us_east_1
  name          = "alias/dnssec-demo-dnssec-ksk_1"
  target_key_id = aws_kms_key.dnssec_ksk_1_kms_key.key_id
}

resource "aws_kms_alias" "query_logging_log_key_alias" {
  provider      = aws.us_east_1
  name          = "alias/dnssec-demo-dns-query-logs"
  target_key_id = aws_kms_key.query_logging_log_key_key.key_id
}

resource "aws_kms_alias" "waf_log_key_alias" {
  name          = "alias/dnssec-demo-waf-logs"
  target_key_id = aws_kms_key.waf_log_key_key.key_id
}

resource "aws_kms_key" "dnssec_alarms_topic_key" {
  provider                = aws.us_east_1
  deletion_window_in_days = 30
  description             = "Encrypts the DNSSEC alarm topic; CloudWatch may use it to publish"
  enable_key_rotation     = true
  policy                  = data.aws_iam_policy_document.dnssec_alarms_topic_key_policy.json
}

resource "aws_kms_key" "dnssec_ksk_1_kms_key" {
  provider                 = aws.us_east_1
  customer_master_key_spec = "ECC_NIST_P256"
  deletion_window_in_days  = 30
  description              = "Route 53 DNSSEC key-signing key ksk_1"
  key_usage                = "SIGN_VERIFY"
  policy                   = data.aws_iam_policy_document.dnssec_ksk_1_policy_document.json
}

resource "aws_kms_key" "query_logging_log_key_key" {
  provider                = aws.us_east_1
  deletion_window_in_days = 30
  description             = "Encrypts Route 53 DNS query logs"
  enable_key_rotation     = true
  policy                  = data.aws_iam_policy_document.query_logging_log_key_policy_document.json
}

resource "aws_kms_key" "waf_log_key_key" {
  deletion_window_in_days = 30
  description             = "Encrypts the load balancer's WAF logs"
  enable_key_rotation     = true
  policy                  = data.aws_iam_policy_document.waf_log_key_policy_document.json
}

resource "aws_kms_key_policy" "dnssec_ksk_1_key_policy" {
  provider = aws.us_east_1
  key_id   = aws_kms_key.dnssec_ksk_1_kms_key.id
  policy   = data.aws_iam_policy_document.dnssec_ksk_1_policy_document.json
}

resource "aws_lb" "load_balancer_alb" {
  drop_invalid_header_fields = true
  enable_deletion_protection = true
  internal                   = false
  load_balancer_type         = "application"
  name                       = "dnssec-demo-alb"
  security_groups            = [aws_security_group.load_balancer_security_group.id]
  subnets = [
    aws_subnet.network_public_subnet_1.id,
    aws_subnet.network_public_subnet_2.id,
    aws_subnet.network_public_subnet_3.id,
  ]
  access_logs {
    bucket  = aws_s3_bucket.load_balancer_access_log_bucket.id
    enabled = true
  }
  depends_on = [aws_s3_bucket_policy.load_balancer_access_log_bucket_policy]
}

resource "aws_lb_listener" "load_balancer_http_listener" {
  load_balancer_arn = aws_lb.load_balancer_alb.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "load_balancer_https_listener" {
  certificate_arn   = aws_acm_certificate_validation.certificate_validation.certificate_arn
  load_balancer_arn = aws_lb.load_balancer_alb.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  default_action {
    target_group_arn = aws_lb_target_group.load_balancer_target_group.arn
    type             = "forward"
  }
}

resource "aws_lb_target_group" "load_balancer_target_group" {
  name     = "dnssec-demo-web"
  port     = 80
  protocol = "HTTP"
  vpc_id   = aws_vpc.network_vpc.id
  health_check {
    enabled             = true
    healthy_threshold   = 3
    interval            = 10
    matcher             = "200"
    path                = "/"
    port                = "traffic-port"
    protocol            = "HTTP"
    timeout             = 3
    unhealthy_threshold = 2
  }
}

resource "aws_lb_target_group_attachment" "load_balancer_target_1" {
  port             = 80
  target_group_arn = aws_lb_target_group.load_balancer_target_group.arn
  target_id        = aws_instance.compute_instance_1.id
}

resource "aws_lb_target_group_attachment" "load_balancer_target_2" {
  port             = 80
  target_group_arn = aws_lb_target_group.load_balancer_target_group.arn
  target_id        = aws_instance.compute_instance_2.id
}

resource "aws_lb_target_group_attachment" "load_balancer_target_3" {
  port             = 80
  target_group_arn = aws_lb_target_group.load_balancer_target_group.arn
  target_id        = aws_instance.compute_instance_3.id
}

resource "aws_nat_gateway" "network_nat_gateway_1" {
  allocation_id = aws_eip.network_nat_eip_1.id
  subnet_id     = aws_subnet.network_public_subnet_1.id
  tags = {
    Name = "dnssec-demo-nat-1"
  }
  depends_on = [aws_internet_gateway.network_internet_gateway]
}

resource "aws_nat_gateway" "network_nat_gateway_2" {
  allocation_id = aws_eip.network_nat_eip_2.id
  subnet_id     = aws_subnet.network_public_subnet_2.id
  tags = {
    Name = "dnssec-demo-nat-2"
  }
  depends_on = [aws_internet_gateway.network_internet_gateway]
}

resource "aws_nat_gateway" "network_nat_gateway_3" {
  allocation_id = aws_eip.network_nat_eip_3.id
  subnet_id     = aws_subnet.network_public_subnet_3.id
  tags = {
    Name = "dnssec-demo-nat-3"
  }
  depends_on = [aws_internet_gateway.network_internet_gateway]
}

resource "aws_route" "network_private_default_route_1" {
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.network_nat_gateway_1.id
  route_table_id         = aws_route_table.network_private_route_table_1.id
}

resource "aws_route" "network_private_default_route_2" {
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.network_nat_gateway_2.id
  route_table_id         = aws_route_table.network_private_route_table_2.id
}

resource "aws_route" "network_private_default_route_3" {
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.network_nat_gateway_3.id
  route_table_id         = aws_route_table.network_private_route_table_3.id
}

resource "aws_route" "network_public_default_route" {
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.network_internet_gateway.id
  route_table_id         = aws_route_table.network_public_route_table.id
}

resource "aws_route53_hosted_zone_dnssec" "dnssec_zone_signing" {
  hosted_zone_id = nonsensitive(data.terraform_remote_state.cross_stack_reference_input_zone.outputs.cross_stack_output_aws_route53_zone_hosted_zone_zone_zone_id)
  signing_status = "SIGNING"
  depends_on     = [aws_route53_key_signing_key.dnssec_ksk_1_signing_key, aws_acm_certificate_validation.certificate_validation]
}

resource "aws_route53_key_signing_key" "dnssec_ksk_1_signing_key" {
  hosted_zone_id             = nonsensitive(data.terraform_remote_state.cross_stack_reference_input_zone.outputs.cross_stack_output_aws_route53_zone_hosted_zone_zone_zone_id)
  key_management_service_arn = aws_kms_key.dnssec_ksk_1_kms_key.arn
  name                       = "ksk_1"
  status                     = "ACTIVE"
  lifecycle {
    postcondition {
      condition     = (self.key_management_service_arn == aws_kms_key.dnssec_ksk_1_kms_key.arn)
      error_message = "KSK ksk_1 still signs with ${self.key_management_service_arn}: Route 53 cannot move a KSK to another KMS key. Restore its key (kmsKeyArn), or rotate to a KSK with a new name that uses the new key (README section Rotating a KSK)."
    }
  }
  depends_on = [aws_kms_key_policy.dnssec_ksk_1_key_policy]
}

resource "aws_route53_query_log" "query_logging_query_log" {
  cloudwatch_log_group_arn = aws_cloudwatch_log_group.query_logging_log_group.arn
  zone_id                  = nonsensitive(data.terraform_remote_state.cross_stack_reference_input_zone.outputs.cross_stack_output_aws_route53_zone_hosted_zone_zone_zone_id)
  depends_on               = [aws_cloudwatch_log_resource_policy.query_logging_resource_policy]
}

resource "aws_route53_record" "alb_alias_record" {
  name    = "example.com"
  type    = "A"
  zone_id = nonsensitive(data.terraform_remote_state.cross_stack_reference_input_zone.outputs.cross_stack_output_aws_route53_zone_hosted_zone_zone_zone_id)
  alias {
    evaluate_target_health = true
    name                   = aws_lb.load_balancer_alb.dns_name
    zone_id                = aws_lb.load_balancer_alb.zone_id
  }
}

resource "aws_route53_record" "certificate_validation_record" {
  for_each        = { for key, val in tolist(aws_acm_certificate.certificate_certificate.domain_validation_options) : val.domain_name => val }
  allow_overwrite = true
  name            = each.value.resource_record_name
  records         = [each.value.resource_record_value]
  ttl             = 60
  type            = each.value.resource_record_type
  zone_id         = nonsensitive(data.terraform_remote_state.cross_stack_reference_input_zone.outputs.cross_stack_output_aws_route53_zone_hosted_zone_zone_zone_id)
}

resource "aws_route53_resolver_dnssec_config" "resolver_dnssec_validation_config" {
  resource_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_private_route_table_1" {
  tags = {
    Name = "dnssec-demo-private-1"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_private_route_table_2" {
  tags = {
    Name = "dnssec-demo-private-2"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_private_route_table_3" {
  tags = {
    Name = "dnssec-demo-private-3"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_public_route_table" {
  tags = {
    Name = "dnssec-demo-public"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table_association" "network_private_route_table_association_1" {
  route_table_id = aws_route_table.network_private_route_table_1.id
  subnet_id      = aws_subnet.network_private_subnet_1.id
}

resource "aws_route_table_association" "network_private_route_table_association_2" {
  route_table_id = aws_route_table.network_private_route_table_2.id
  subnet_id      = aws_subnet.network_private_subnet_2.id
}

resource "aws_route_table_association" "network_private_route_table_association_3" {
  route_table_id = aws_route_table.network_private_route_table_3.id
  subnet_id      = aws_subnet.network_private_subnet_3.id
}

resource "aws_route_table_association" "network_public_route_table_association_1" {
  route_table_id = aws_route_table.network_public_route_table.id
  subnet_id      = aws_subnet.network_public_subnet_1.id
}

resource "aws_route_table_association" "network_public_route_table_association_2" {
  route_table_id = aws_route_table.network_public_route_table.id
  subnet_id      = aws_subnet.network_public_subnet_2.id
}

resource "aws_route_table_association" "network_public_route_table_association_3" {
  route_table_id = aws_route_table.network_public_route_table.id
  subnet_id      = aws_subnet.network_public_subnet_3.id
}

resource "aws_s3_bucket" "load_balancer_access_log_bucket" {
  bucket        = "${data.aws_caller_identity.load_balancer_account.account_id}-dnssec-demo-alb-logs"
  force_destroy = false
}

resource "aws_s3_bucket_lifecycle_configuration" "load_balancer_access_log_lifecycle" {
  bucket = aws_s3_bucket.load_balancer_access_log_bucket.id
  rule {
    id     = "expire-access-logs"
    status = "Enabled"
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
    expiration {
      days = 365
    }
    filter {
      prefix = ""
    }
  }
}

resource "aws_s3_bucket_ownership_controls" "load_balancer_access_log_ownership" {
  bucket = aws_s3_bucket.load_balancer_access_log_bucket.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_policy" "load_balancer_access_log_bucket_policy" {
  bucket     = aws_s3_bucket.load_balancer_access_log_bucket.id
  policy     = data.aws_iam_policy_document.load_balancer_access_log_policy_document.json
  depends_on = [aws_s3_bucket_public_access_block.load_balancer_access_log_public_access_block]
}

resource "aws_s3_bucket_public_access_block" "load_balancer_access_log_public_access_block" {
  block_public_acls       = true
  block_public_policy     = true
  bucket                  = aws_s3_bucket.load_balancer_access_log_bucket.id
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "load_balancer_access_log_encryption" {
  bucket = aws_s3_bucket.load_balancer_access_log_bucket.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_security_group" "compute_security_group" {
  description = "Web servers: HTTP from the load balancer only; HTTPS out for updates"
  name        = "dnssec-demo-instances"
  tags = {
    Name = "dnssec-demo-instances"
  }
  vpc_id = aws_vpc.network_vpc.id
  egress {
    cidr_blocks      = ["0.0.0.0/0"]
    description      = "HTTPS to the internet through NAT, for package updates"
    from_port        = 443
    ipv6_cidr_blocks = null
    prefix_list_ids  = null
    protocol         = "tcp"
    security_groups  = null
    self             = null
    to_port          = 443
  }
  egress {
    cidr_blocks      = ["0.0.0.0/0"]
    description      = "HTTP to the internet through NAT, for package mirrors"
    from_port        = 80
    ipv6_cidr_blocks = null
    prefix_list_ids  = null
    protocol         = "tcp"
    security_groups  = null
    self             = null
    to_port          = 80
  }
}

resource "aws_security_group" "load_balancer_security_group" {
  description = "Load balancer: HTTP and HTTPS from the internet; HTTP to the web servers"
  name        = "dnssec-demo-alb"
  tags = {
    Name = "dnssec-demo-alb"
  }
  vpc_id = aws_vpc.network_vpc.id
  egress {
    cidr_blocks      = null
    description      = "HTTP to the web servers"
    from_port        = 80
    ipv6_cidr_blocks = null
    prefix_list_ids  = null
    protocol         = "tcp"
    security_groups  = [aws_security_group.compute_security_group.id]
    self             = null
    to_port          = 80
  }
  ingress {
    cidr_blocks      = ["0.0.0.0/0"]
    description      = "HTTP from the internet, redirected to HTTPS"
    from_port        = 80
    ipv6_cidr_blocks = null
    prefix_list_ids  = null
    protocol         = "tcp"
    security_groups  = null
    self             = null
    to_port          = 80
  }
  ingress {
    cidr_blocks      = ["0.0.0.0/0"]
    description      = "HTTPS from the internet"
    from_port        = 443
    ipv6_cidr_blocks = null
    prefix_list_ids  = null
    protocol         = "tcp"
    security_groups  = null
    self             = null
    to_port          = 443
  }
}

resource "aws_sns_topic" "dnssec_alarms_topic" {
  provider          = aws.us_east_1
  kms_master_key_id = aws_kms_key.dnssec_alarms_topic_key.arn
  name              = "dnssec-demo-dnssec-alarms"
}

resource "aws_subnet" "network_private_subnet_1" {
  availability_zone = element(data.aws_availability_zones.network_zones.names, 0)
  cidr_block        = "10.20.20.0/27"
  tags = {
    Name = "dnssec-demo-private-1"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_private_subnet_2" {
  availability_zone = element(data.aws_availability_zones.network_zones.names, 1)
  cidr_block        = "10.20.20.32/27"
  tags = {
    Name = "dnssec-demo-private-2"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_private_subnet_3" {
  availability_zone = element(data.aws_availability_zones.network_zones.names, 2)
  cidr_block        = "10.20.20.64/27"
  tags = {
    Name = "dnssec-demo-private-3"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_public_subnet_1" {
  availability_zone       = element(data.aws_availability_zones.network_zones.names, 0)
  cidr_block              = "10.20.20.96/27"
  map_public_ip_on_launch = false
  tags = {
    Name = "dnssec-demo-public-1"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_public_subnet_2" {
  availability_zone       = element(data.aws_availability_zones.network_zones.names, 1)
  cidr_block              = "10.20.20.128/27"
  map_public_ip_on_launch = false
  tags = {
    Name = "dnssec-demo-public-2"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_public_subnet_3" {
  availability_zone       = element(data.aws_availability_zones.network_zones.names, 2)
  cidr_block              = "10.20.20.160/27"
  map_public_ip_on_launch = false
  tags = {
    Name = "dnssec-demo-public-3"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_vpc" "network_vpc" {
  cidr_block           = "10.20.20.0/24"
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags = {
    Name = "dnssec-demo-vpc"
  }
}

resource "aws_vpc_security_group_ingress_rule" "load_balancer_instance_ingress_from_alb" {
  description                  = "HTTP from the load balancer"
  from_port                    = 80
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.load_balancer_security_group.id
  security_group_id            = aws_security_group.compute_security_group.id
  to_port                      = 80
}

resource "aws_wafv2_web_acl" "waf_web_acl" {
  description = "WAF web ACL for the application load balancer"
  name        = "dnssec-demo-web-acl"
  rule_json   = "[{\"Name\":\"AWSManagedRulesKnownBadInputsRuleSet\",\"Priority\":1,\"OverrideAction\":{\"None\":{}},\"Statement\":{\"ManagedRuleGroupStatement\":{\"Name\":\"AWSManagedRulesKnownBadInputsRuleSet\",\"VendorName\":\"AWS\"}},\"VisibilityConfig\":{\"CloudWatchMetricsEnabled\":true,\"MetricName\":\"AWSManagedRulesKnownBadInputsRuleSetMetric\",\"SampledRequestsEnabled\":true}},{\"Name\":\"AWSManagedRulesCommonRuleSet\",\"Priority\":2,\"OverrideAction\":{\"None\":{}},\"Statement\":{\"ManagedRuleGroupStatement\":{\"Name\":\"AWSManagedRulesCommonRuleSet\",\"VendorName\":\"AWS\"}},\"VisibilityConfig\":{\"CloudWatchMetricsEnabled\":true,\"MetricName\":\"AWSManagedRulesCommonRuleSetMetric\",\"SampledRequestsEnabled\":true}},{\"Name\":\"AWSManagedRulesSQLiRuleSet\",\"Priority\":3,\"OverrideAction\":{\"None\":{}},\"Statement\":{\"ManagedRuleGroupStatement\":{\"Name\":\"AWSManagedRulesSQLiRuleSet\",\"VendorName\":\"AWS\"}},\"VisibilityConfig\":{\"CloudWatchMetricsEnabled\":true,\"MetricName\":\"AWSManagedRulesSQLiRuleSetMetric\",\"SampledRequestsEnabled\":true}},{\"Name\":\"RateLimitRule\",\"Priority\":4,\"Action\":{\"Block\":{}},\"Statement\":{\"RateBasedStatement\":{\"Limit\":2000,\"AggregateKeyType\":\"IP\"}},\"VisibilityConfig\":{\"CloudWatchMetricsEnabled\":true,\"MetricName\":\"RateLimitRuleMetric\",\"SampledRequestsEnabled\":true}},{\"Name\":\"GeoBlockRule\",\"Priority\":5,\"Action\":{\"Block\":{}},\"Statement\":{\"GeoMatchStatement\":{\"CountryCodes\":[\"CN\",\"RU\"]}},\"VisibilityConfig\":{\"CloudWatchMetricsEnabled\":true,\"MetricName\":\"GeoBlockRuleMetric\",\"SampledRequestsEnabled\":true}}]"
  scope       = "REGIONAL"
  tags = {
    Name = "dnssec-demo-web-acl"
  }
  default_action {
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "dnssec-demo-web-acl"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "waf_association" {
  resource_arn = aws_lb.load_balancer_alb.arn
  web_acl_arn  = aws_wafv2_web_acl.waf_web_acl.arn
}

resource "aws_wafv2_web_acl_logging_configuration" "waf_logging" {
  log_destination_configs = [aws_cloudwatch_log_group.waf_log_group.arn]
  resource_arn            = aws_wafv2_web_acl.waf_web_acl.arn
  logging_filter {
    default_behavior = "DROP"
    filter {
      behavior    = "KEEP"
      requirement = "MEETS_ANY"
      condition {
        action_condition {
          action = "BLOCK"
        }
      }
    }
  }
}

output "digest_algorithm" {
  description = "2: SHA-256."
  value       = aws_route53_key_signing_key.dnssec_ksk_1_signing_key.digest_algorithm_type
}

output "dnskey_record" {
  description = "The DNSKEY of KSK ksk_1."
  value       = aws_route53_key_signing_key.dnssec_ksk_1_signing_key.dnskey_record
}

output "dnssec_alarm_topic_arn" {
  description = "Subscribe your on-call tooling to this topic."
  value       = aws_sns_topic.dnssec_alarms_topic.arn
}

output "ds_record" {
  description = "The DS of each published KSK in the seed's form (key_tag signing_algorithm digest_algorithm digest, with mnemonics), one line per KSK. This is not the DS presentation format of RFC 4034 §5.3, which uses numbers: registrars want registrar_instructions or ds_record_rr."
  value       = join("\n", ["${aws_route53_key_signing_key.dnssec_ksk_1_signing_key.key_tag} ${aws_route53_key_signing_key.dnssec_ksk_1_signing_key.signing_algorithm_mnemonic} ${aws_route53_key_signing_key.dnssec_ksk_1_signing_key.digest_algorithm_mnemonic} ${aws_route53_key_signing_key.dnssec_ksk_1_signing_key.digest_value}"])
}

output "ds_record_rr" {
  description = "The DS RDATA as Route 53 reports it, one line per published KSK."
  value       = join("\n", [aws_route53_key_signing_key.dnssec_ksk_1_signing_key.ds_record])
}

output "flag" {
  description = "257: a key-signing key."
  value       = aws_route53_key_signing_key.dnssec_ksk_1_signing_key.flag
}

output "key_tag" {
  value = aws_route53_key_signing_key.dnssec_ksk_1_signing_key.key_tag
}

output "ksk_ksk_1" {
  description = "Everything about KSK ksk_1 that a registrar or a rotation needs."
  value = {
    digest_algorithm  = aws_route53_key_signing_key.dnssec_ksk_1_signing_key.digest_algorithm_type
    dnskey_record     = aws_route53_key_signing_key.dnssec_ksk_1_signing_key.dnskey_record
    ds_published      = true
    ds_record         = "${aws_route53_key_signing_key.dnssec_ksk_1_signing_key.key_tag} ${aws_route53_key_signing_key.dnssec_ksk_1_signing_key.signing_algorithm_mnemonic} ${aws_route53_key_signing_key.dnssec_ksk_1_signing_key.digest_algorithm_mnemonic} ${aws_route53_key_signing_key.dnssec_ksk_1_signing_key.digest_value}"
    ds_record_rr      = aws_route53_key_signing_key.dnssec_ksk_1_signing_key.ds_record
    flag              = aws_route53_key_signing_key.dnssec_ksk_1_signing_key.flag
    key_tag           = aws_route53_key_signing_key.dnssec_ksk_1_signing_key.key_tag
    kms_key_arn       = aws_kms_key.dnssec_ksk_1_kms_key.arn
    public_key        = aws_route53_key_signing_key.dnssec_ksk_1_signing_key.public_key
    signing_algorithm = aws_route53_key_signing_key.dnssec_ksk_1_signing_key.signing_algorithm_type
    status            = aws_route53_key_signing_key.dnssec_ksk_1_signing_key.status
  }
}

output "load_balancer_dns_name" {
  value = aws_lb.load_balancer_alb.dns_name
}

output "name_servers" {
  description = "The zone's name servers, which the registrar's DS form sits next to."
  value       = nonsensitive(data.terraform_remote_state.cross_stack_reference_input_zone.outputs.cross_stack_output_aws_route53_zone_hosted_zone_zone_name_servers)
}

output "public_key" {
  description = "The public key of KSK ksk_1."
  value       = aws_route53_key_signing_key.dnssec_ksk_1_signing_key.public_key
}

output "registrar_instructions" {
  description = "What to do at the parent or registrar now."
  value       = join("\n", ["At the registrar of example.com, publish exactly these DS records (key tag, algorithm 13 = ECDSAP256SHA256, digest type 2 = SHA-256, digest) and remove any other, only after signing has run for at least the DNSKEY TTL and the SOA minimum (go-live runbook):", "- ${aws_route53_key_signing_key.dnssec_ksk_1_signing_key.ds_record}"])
}

output "signing_algorithm" {
  description = "13: ECDSAP256SHA256."
  value       = aws_route53_key_signing_key.dnssec_ksk_1_signing_key.signing_algorithm_type
}
