import { AwsAutoScalingGateway } from '../adapters/aws/aws-auto-scaling-gateway';
import { AwsLaunchTemplateGateway } from '../adapters/aws/aws-launch-template-gateway';
import { AwsLoadBalancerGateway } from '../adapters/aws/aws-load-balancer-gateway';
import { CachingLaunchTemplates } from './caching-launch-templates';
import { Fleet } from './fleet';
import { FleetObserver } from './fleet-observer';
import type { FleetDependencies } from './fleet-routes';

/** Wires the Fleet to the AWS gateways (the feature's part of the composition root). */
export function createFleet(deps: FleetDependencies): Fleet {
  const autoScaling = new AwsAutoScalingGateway(deps.aws.autoScaling);
  const loadBalancers = new AwsLoadBalancerGateway(deps.aws.elbv2);
  const launchTemplates = new CachingLaunchTemplates(new AwsLaunchTemplateGateway(deps.aws.ec2));
  return new Fleet({
    catalogue: deps.catalogue,
    operations: deps.operations,
    autoScaling,
    loadBalancers,
    observer: new FleetObserver(autoScaling, launchTemplates, loadBalancers),
  });
}
