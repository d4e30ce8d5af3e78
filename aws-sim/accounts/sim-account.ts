import { randomBytes } from 'node:crypto';
import { createAutoScaling } from '../auto-scaling/auto-scaling-service';
import type { SimClock } from '../clock';
import type { Cloud, ServiceName, SimModule } from '../cloud';
import { createEc2 } from '../ec2/ec2-service';
import { createElbv2 } from '../elbv2/elbv2-service';
import type { Faults } from '../faults';

/** An AWS account the sim keeps: its id (12 digits) and a name for people. */
export interface AccountDeclaration {
  readonly accountId: string;
  readonly name: string;
}

/** What every account of one sim shares: the region, the clock, the faults and the state saver. */
export interface SharedWorld {
  readonly region: string;
  readonly clock: SimClock;
  readonly faults: Faults;
  /** Called on every change of any account (state is saved soon after). */
  changed(): void;
}

/** One account: its own cloud and services, so its resources are apart from every other account's. */
export interface SimAccount extends AccountDeclaration {
  readonly cloud: Cloud;
  readonly modules: Readonly<Record<ServiceName, SimModule>>;
}

/** A new account with empty services (and EC2's base images), not yet started. */
export function createAccount(declaration: AccountDeclaration, world: SharedWorld): SimAccount {
  let revision = 0;
  const cloud: Cloud = {
    region: world.region,
    accountId: declaration.accountId,
    clock: world.clock,
    faults: world.faults,
    ec2: undefined as unknown as Cloud['ec2'],
    elb: undefined as unknown as Cloud['elb'],
    changed() {
      revision += 1;
      world.changed();
    },
    get revision() {
      return revision;
    },
    newId(prefix, hexDigits = 17) {
      return `${prefix}-${randomBytes(Math.ceil(hexDigits / 2))
        .toString('hex')
        .slice(0, hexDigits)}`;
    },
  };
  // the order matters: Auto Scaling works through the EC2 and ELBv2 the other two set on the cloud
  const ec2 = createEc2(cloud);
  const elasticloadbalancing = createElbv2(cloud);
  const autoscaling = createAutoScaling(cloud);
  return { ...declaration, cloud, modules: { ec2, elasticloadbalancing, autoscaling } };
}
