import { CreateLaunchTemplateCommand, DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { eventually, type TestSim } from './test-sim';

let templates = 0;

/** Launches instances through the real EC2 module (as Auto Scaling does) and waits until they run. */
export async function launchRunning(t: TestSim, count: number, healthPath = '/health'): Promise<string[]> {
  const userData = Buffer.from(
    JSON.stringify({ services: [{ name: 'Basket', version: '1.0.0' }], healthPath }),
  ).toString('base64');
  const image = (await t.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images![0]!.ImageId!;
  const lt = await t.ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: `spec-lt-${++templates}`,
      LaunchTemplateData: { ImageId: image, InstanceType: 't3.micro', UserData: userData },
    }),
  );
  const ec2 = t.sim.cloud.ec2;
  const template = ec2.resolveLaunchTemplate({ id: lt.LaunchTemplate!.LaunchTemplateId, version: '$Latest' });
  const zones = ec2.availabilityZones();
  const ids = Array.from(
    { length: count },
    (_, i) => ec2.launch({ template, availabilityZone: zones[i % zones.length]!, tags: {} }).instanceId,
  );
  await eventually('instances running', async () =>
    ids.every((id) => ec2.instance(id)?.state === 'running') ? true : undefined,
  );
  return ids;
}
