/**
 * A tiny AWS API on 127.0.0.1 for the read calls the app's data sources make at plan:
 * STS GetCallerIdentity, EC2 DescribeAvailabilityZones and DescribeImages (and GetInstanceUefiData,
 * which the provider may ask for next to an image; it answers "no UEFI data"). Any other call gets an
 * AWS-style error and is recorded, so a test sees when the provider wanted more.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ACCOUNT_ID, regionZones } from "./facts";

export interface AwsEndpoint {
  readonly url: string;
  /** Every call answered, as `service:Action@region`. */
  readonly calls: string[];
  /** Calls it could not answer. */
  readonly unexpected: string[];
  close(): Promise<void>;
}

export const AMI_ID = "ami-0c0ffee0c0ffee000";

function region(request: IncomingMessage): { region: string; service: string } {
  // SigV4: Credential=<key>/<date>/<region>/<service>/aws4_request
  const scope = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\//.exec(String(request.headers.authorization ?? ""));
  return { region: scope?.[1] ?? "us-east-1", service: scope?.[2] ?? "unknown" };
}

function ec2(action: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>00000000-0000-4000-8000-000000000000</requestId>${body}</${action}Response>`;
}

function answer(service: string, where: string, params: URLSearchParams): string | undefined {
  const action = params.get("Action") ?? "";
  if (service === "sts" && action === "GetCallerIdentity") {
    return (
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
      `<Arn>arn:aws:iam::${ACCOUNT_ID}:role/terraform-check</Arn><UserId>AROATERRAFORMCHECK:plan</UserId><Account>${ACCOUNT_ID}</Account>` +
      `</GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000001</RequestId></ResponseMetadata></GetCallerIdentityResponse>`
    );
  }
  if (service === "ec2" && action === "DescribeAvailabilityZones") {
    const items = regionZones(where)
      .map(
        (zone, i) =>
          `<item><zoneName>${zone}</zoneName><zoneId>${where.replace(/-/g, "").slice(0, 4)}-az${i + 1}</zoneId><zoneState>available</zoneState>` +
          `<regionName>${where}</regionName><zoneType>availability-zone</zoneType><optInStatus>opt-in-not-required</optInStatus>` +
          `<groupName>${where}</groupName><networkBorderGroup>${where}</networkBorderGroup><messageSet/></item>`,
      )
      .join("");
    return ec2(action, `<availabilityZoneInfo>${items}</availabilityZoneInfo>`);
  }
  if (service === "ec2" && action === "DescribeImages") {
    const image =
      `<item><imageId>${AMI_ID}</imageId><imageLocation>amazon/al2023-ami-2023.9.20251201.0-kernel-6.1-x86_64</imageLocation>` +
      `<imageState>available</imageState><imageOwnerId>137112412989</imageOwnerId><creationDate>2025-12-01T00:00:00.000Z</creationDate>` +
      `<isPublic>true</isPublic><architecture>x86_64</architecture><imageType>machine</imageType><imageOwnerAlias>amazon</imageOwnerAlias>` +
      `<name>al2023-ami-2023.9.20251201.0-kernel-6.1-x86_64</name><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName>` +
      `<blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><snapshotId>snap-0c0ffee0c0ffee000</snapshotId><volumeSize>8</volumeSize>` +
      `<deleteOnTermination>true</deleteOnTermination><volumeType>gp3</volumeType><encrypted>false</encrypted></ebs></item></blockDeviceMapping>` +
      `<virtualizationType>hvm</virtualizationType><hypervisor>xen</hypervisor><enaSupport>true</enaSupport><sriovNetSupport>simple</sriovNetSupport>` +
      `<platformDetails>Linux/UNIX</platformDetails><usageOperation>RunInstances</usageOperation>` +
      `<imdsSupport>v2.0</imdsSupport></item>`;
    return ec2(action, `<imagesSet>${image}</imagesSet>`);
  }
  if (service === "ec2" && action === "GetInstanceUefiData") {
    return ec2(action, `<instanceId>${params.get("InstanceId") ?? ""}</instanceId><uefiData></uefiData>`);
  }
  return undefined;
}

/** Starts the endpoint on a free port of 127.0.0.1. */
export async function startAwsEndpoint(): Promise<AwsEndpoint> {
  const calls: string[] = [];
  const unexpected: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const { region: where, service } = region(request);
      const params = new URLSearchParams(body || (request.url ?? "").split("?")[1] || "");
      const call = `${service}:${params.get("Action") ?? request.headers["x-amz-target"] ?? request.url}@${where}`;
      const xml = answer(service, where, params);
      if (xml === undefined) {
        unexpected.push(call);
        response.writeHead(400, { "content-type": "text/xml" });
        response.end(`<Response><Errors><Error><Code>UnsupportedOperation</Code><Message>terraform-check endpoint: ${call} is not served</Message></Error></Errors><RequestID>0</RequestID></Response>`);
        return;
      }
      calls.push(call);
      response.writeHead(200, { "content-type": "text/xml" });
      response.end(xml);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    unexpected,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
