import { z } from 'zod';
import type { Cloud, Ec2Api, SimModule } from '../cloud';
import { InstanceFleet } from '../instances/instance-fleet';
import { imageActions } from './image-actions';
import { instanceActions } from './instance-actions';
import { launchTemplateActions } from './launch-template-actions';
import { LaunchTemplates } from './launch-templates';
import { MachineImages } from './machine-images';
import { tagActions } from './tag-actions';

const Saved = z.object({ launchTemplates: z.unknown(), instances: z.unknown(), images: z.unknown() });

/** EC2: launch templates, live instances, zones, images and tags; sets `cloud.ec2` for Auto Scaling. */
export function createEc2(cloud: Cloud): SimModule {
  const zones = ['a', 'b', 'c'].map((s) => `${cloud.region}${s}`);
  const templates = new LaunchTemplates(cloud);
  const images = new MachineImages(cloud);
  const fleet = new InstanceFleet(cloud, zones, (ref) => templates.data(ref));
  const api: Ec2Api = {
    availabilityZones: () => zones,
    resolveLaunchTemplate: (ref) => templates.resolve(ref),
    launch: (options) => fleet.launch(options),
    terminate: (instanceId) => fleet.terminate(instanceId),
    instance: (instanceId) => fleet.instance(instanceId),
    onStateChange: (listener) => fleet.onStateChange(listener),
  };
  cloud.ec2 = api;
  return {
    name: 'ec2',
    protocol: 'ec2',
    namespace: 'http://ec2.amazonaws.com/doc/2016-11-15/',
    actions: {
      ...launchTemplateActions(templates),
      ...instanceActions(fleet, cloud),
      ...tagActions(fleet, images),
      ...imageActions(cloud, zones, images),
    },
    snapshot: () => ({
      launchTemplates: templates.snapshot(),
      instances: fleet.snapshot(),
      images: images.snapshot(),
    }),
    async restore(data) {
      const saved = Saved.parse(data);
      if (saved.launchTemplates !== undefined) templates.restore(saved.launchTemplates);
      // a state saved before images were kept has none: the account keeps its base images
      if (saved.images !== undefined) images.restore(saved.images);
      if (saved.instances !== undefined) await fleet.restore(saved.instances);
    },
    start: async () => fleet.start(),
    stop: () => fleet.stop(),
    local: () => ({
      instances: fleet.all().map(({ instance: i }) => ({
        instanceId: i.instanceId,
        state: i.state,
        availabilityZone: i.availabilityZone,
        url: i.state === 'running' && i.localPort ? `http://127.0.0.1:${i.localPort}` : undefined,
        services: i.payload.services,
      })),
    }),
  };
}
