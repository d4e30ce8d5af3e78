import { randomBytes } from 'node:crypto';
import { createAutoScaling } from '../auto-scaling/auto-scaling-service';
import type { SimClock } from '../clock';
import type {
  Cloud,
  JsonModule,
  JsonServiceName,
  ModuleLifecycle,
  QueueApi,
  ServiceName,
  SimModule,
} from '../cloud';
import { createEc2 } from '../ec2/ec2-service';
import { createElbv2 } from '../elbv2/elbv2-service';
import { createEvents } from '../events/events-service';
import type { Faults } from '../faults';
import { createSqs, type SqsModule } from '../sqs/sqs-service';

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
  /** Every account's queues, by ARN (what an EventBridge rule delivers to). */
  readonly queues: QueueApi;
}

/** One account: its own cloud and services, so its resources are apart from every other account's. */
export interface SimAccount extends AccountDeclaration {
  readonly cloud: Cloud;
  readonly modules: Readonly<Record<ServiceName, SimModule>>;
  /** Its services in AWS's JSON protocol. */
  readonly jsonModules: Readonly<Record<JsonServiceName, JsonModule>> & { readonly sqs: SqsModule };
}

/** Every service of an account by name, whatever its protocol (to save, restore, start and stop them). */
export function lifecyclesOf(account: SimAccount): [string, ModuleLifecycle][] {
  return [...Object.entries(account.modules), ...Object.entries(account.jsonModules)];
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
    events: undefined as unknown as Cloud['events'],
    queues: world.queues,
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
  // the order matters: Auto Scaling works through the EC2, ELBv2 and event bus the others set on the cloud
  const ec2 = createEc2(cloud);
  const elasticloadbalancing = createElbv2(cloud);
  const events = createEvents(cloud);
  const sqs = createSqs(cloud);
  const autoscaling = createAutoScaling(cloud);
  return {
    ...declaration,
    cloud,
    modules: { ec2, elasticloadbalancing, autoscaling },
    jsonModules: { sqs, events },
  };
}
