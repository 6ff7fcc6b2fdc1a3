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
    key          = "dnssec-cdktf/zone.tfstate"
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
      Stack     = "zone"
    }
  }
}

resource "aws_route53_record" "hosted_zone_soa" {
  allow_overwrite = true
  name            = "example.com"
  records = [
    "${aws_route53_zone.hosted_zone_zone.primary_name_server}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 3600",
  ]
  ttl     = 900
  type    = "SOA"
  zone_id = aws_route53_zone.hosted_zone_zone.zone_id
}

resource "aws_route53_zone" "hosted_zone_zone" {
  comment       = "Managed by dnssec-cdktf"
  force_destroy = false
  name          = "example.com"
}

output "cross_stack_output_aws_route53_zone_hosted_zone_zone_name_servers" {
  sensitive = true
  value     = aws_route53_zone.hosted_zone_zone.name_servers
}

output "cross_stack_output_aws_route53_zone_hosted_zone_zone_zone_id" {
  sensitive = true
  value     = aws_route53_zone.hosted_zone_zone.zone_id
}

output "name_servers" {
  description = "Set these name servers at your registrar before applying the app stack."
  value       = aws_route53_zone.hosted_zone_zone.name_servers
}

output "zone_id" {
  description = "The hosted zone's id."
  value       = aws_route53_zone.hosted_zone_zone.zone_id
}
