import { z } from 'zod';
import { AccountDeclarationSchema, AccountId, type Accounts } from '../accounts/accounts';
import type { SimAccount } from '../accounts/sim-account';
import type { SimClock } from '../clock';
import { AwsError } from '../protocol/aws-error';
import { imagesOf } from '../ec2/machine-images';
import type { Faults } from '../faults';
import type { Sessions } from '../sts/sessions';

/** What the control API works on: every account, STS's sessions, the faults and the clock. */
export interface ControlTarget {
  readonly accounts: Accounts;
  readonly sessions: Sessions;
  readonly faults: Faults;
  readonly clock: SimClock;
}

/** A control reply (JSON). */
export interface ControlReply {
  readonly status: number;
  readonly body: string;
}

const Throttle = z.strictObject({
  action: z.string().regex(/^(\*|[A-Za-z]{1,80})$/),
  rate: z.number().min(0).max(1),
});
const UnhealthyVersions = z
  .array(z.strictObject({ service: z.string().min(1).max(100), version: z.string().min(1).max(100) }))
  .max(100);
const UnhealthyImages = z.array(z.string().regex(/^ami-[0-9a-f]{8,17}$/)).max(100);
const Boot = z.strictObject({
  failureRate: z.number().min(0).max(1).default(0),
  delayFactor: z.number().min(0.01).max(100).default(1),
});
const Zones = z.strictObject({ withoutCapacity: z.array(z.string().min(1).max(30)).max(10) });
const OmitFields = z
  .array(
    z.strictObject({
      action: z.string().regex(/^(\*|[A-Za-z]{1,80})$/),
      field: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,79}$/),
    }),
  )
  .max(100);

/** An image to register (`POST /_sim/images`): EC2's RegisterImage cannot set a creation date or platform. */
const NewImages = z
  .array(
    z.strictObject({
      imageId: z
        .string()
        .regex(/^ami-[0-9a-f]{17}$/)
        .optional(),
      name: z
        .string()
        .regex(
          /^[A-Za-z0-9()[\]./\-'@_ ]{3,128}$/,
          "must be an AMI name (3-128 letters, digits, ( ) [ ] . / - ' @ _)",
        ),
      description: z.string().max(255).optional(),
      platform: z.literal('windows').optional(),
      creationDate: z.iso.datetime(),
      tags: z.record(z.string().min(1).max(128), z.string().max(256)).default({}),
      rootVolumeSize: z.number().int().min(1).max(16384).default(30),
      rootVolumeType: z.enum(['gp2', 'gp3', 'standard', 'io1', 'io2']).default('gp3'),
      encrypted: z.boolean().default(false),
    }),
  )
  .min(1)
  .max(100);

const json = (status: number, value: unknown): ControlReply => ({ status, body: JSON.stringify(value) });

function parse<T>(schema: z.ZodType<T>, body: string): T | ControlReply {
  let value: unknown;
  try {
    value = JSON.parse(body || 'null');
  } catch {
    return json(400, { error: 'the body is not valid JSON' });
  }
  const r = schema.safeParse(value);
  return r.success
    ? r.data
    : json(400, {
        error: r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
      });
}

function isReply(v: unknown): v is ControlReply {
  return (
    typeof v === 'object' &&
    v !== null &&
    'status' in v &&
    'body' in v &&
    typeof (v as ControlReply).body === 'string'
  );
}

function faultsView(f: Faults): unknown {
  return {
    throttle: Object.fromEntries(f.throttle),
    unhealthyVersions: f.unhealthyVersions,
    unhealthyImages: f.unhealthyImages,
    boot: { failureRate: f.bootFailureRate, delayFactor: f.bootDelayFactor },
    zonesWithoutCapacity: [...f.zonesWithoutCapacity],
    omitFields: f.omittedFields,
  };
}

/** The account a request names (`?account=`, the default one without it), or the reply refusing it. */
function accountOf(url: URL, accounts: Accounts): SimAccount | ControlReply {
  const id = url.searchParams.get('account');
  if (id === null) return accounts.default;
  if (!AccountId.safeParse(id).success)
    return json(400, { error: 'account: must be an AWS account id (12 digits)' });
  return accounts.get(id) ?? json(404, { error: `aws-sim keeps no account ${id}` });
}

function accountsView(accounts: Accounts): unknown {
  return accounts.all().map((a) => ({ accountId: a.accountId, name: a.name }));
}

function sessionsView(sessions: Sessions): unknown {
  return sessions.all().map((s) => ({
    accessKeyId: s.accessKeyId,
    accountId: s.accountId,
    roleArn: s.roleArn,
    sessionName: s.sessionName,
    expiration: new Date(s.expiresAt).toISOString(),
    expired: sessions.isExpired(s),
  }));
}

const ExpireSessions = z.strictObject({ accountId: AccountId.optional() }).default({});

/**
 * The control API under `/_sim/`, outside the AWS surface: the accounts and STS's sessions, where an
 * account's listeners and instances serve locally, its machine images (registered with their creation date
 * and platform, which EC2's own RegisterImage cannot set), faults to inject and the count of AWS calls.
 */
export async function handleControl(
  method: string,
  url: URL,
  body: string,
  target: ControlTarget,
): Promise<ControlReply> {
  const route = `${method} ${url.pathname.replace(/\/$/, '')}`;
  const { accounts, sessions, faults } = target;
  const account = accountOf(url, accounts);
  if (isReply(account)) return account;
  const { cloud, modules } = account;
  switch (route) {
    case 'GET /_sim/accounts':
      return json(200, accountsView(accounts));
    case 'POST /_sim/accounts': {
      const d = parse(AccountDeclarationSchema, body);
      if (isReply(d)) return d;
      const { account: added, created } = await accounts.add(d);
      return json(created ? 201 : 200, { accountId: added.accountId, name: added.name });
    }
    case 'GET /_sim/sessions':
      return json(200, sessionsView(sessions));
    case 'POST /_sim/sessions/expire': {
      const e = parse(ExpireSessions, body || '{}');
      if (isReply(e)) return e;
      return json(200, { expired: sessions.expire(e.accountId) });
    }
    case 'GET /_sim/listeners':
      return json(200, modules.elasticloadbalancing.local()['listeners'] ?? []);
    case 'GET /_sim/instances':
      return json(200, modules.ec2.local()['instances'] ?? []);
    case 'GET /_sim/calls':
      return json(200, Object.fromEntries([...faults.calls].sort()));
    case 'DELETE /_sim/calls':
      faults.calls.clear();
      return json(200, {});
    case 'GET /_sim/faults':
      return json(200, faultsView(faults));
    case 'DELETE /_sim/faults':
      await faults.clear();
      return json(200, faultsView(faults));
    case 'PUT /_sim/faults/throttle': {
      const t = parse(Throttle, body);
      if (isReply(t)) return t;
      if (t.rate === 0) faults.throttle.delete(t.action);
      else faults.throttle.set(t.action, t.rate);
      return json(200, faultsView(faults));
    }
    case 'PUT /_sim/faults/unhealthy-versions': {
      const v = parse(UnhealthyVersions, body);
      if (isReply(v)) return v;
      // answered once the instances answer by it: the next health check sees the fault
      await faults.setUnhealthyVersions(v);
      return json(200, faultsView(faults));
    }
    case 'PUT /_sim/faults/unhealthy-images': {
      const images = parse(UnhealthyImages, body);
      if (isReply(images)) return images;
      await faults.setUnhealthyImages(images);
      return json(200, faultsView(faults));
    }
    case 'PUT /_sim/faults/boot': {
      const b = parse(Boot, body);
      if (isReply(b)) return b;
      faults.bootFailureRate = b.failureRate;
      faults.bootDelayFactor = b.delayFactor;
      return json(200, faultsView(faults));
    }
    case 'PUT /_sim/faults/zones': {
      const z2 = parse(Zones, body);
      if (isReply(z2)) return z2;
      faults.zonesWithoutCapacity.clear();
      for (const az of z2.withoutCapacity) faults.zonesWithoutCapacity.add(az);
      return json(200, faultsView(faults));
    }
    case 'PUT /_sim/faults/omit-fields': {
      const o = parse(OmitFields, body);
      if (isReply(o)) return o;
      faults.setOmittedFields(o);
      return json(200, faultsView(faults));
    }
    case 'GET /_sim/images':
      return json(200, imagesOf(cloud)?.all() ?? []);
    case 'POST /_sim/images': {
      const list = parse(NewImages, body);
      if (isReply(list)) return list;
      const images = imagesOf(cloud);
      if (!images) return json(404, { error: 'this sim has no EC2 images' });
      try {
        const out = list.map((i) =>
          images.register({
            ...i,
            rootDeviceName: i.platform === 'windows' ? '/dev/sda1' : '/dev/xvda',
          }),
        );
        return json(out.some((r) => r.created) ? 201 : 200, out);
      } catch (e) {
        if (e instanceof AwsError) return json(409, { error: e.message });
        throw e;
      }
    }
    case 'GET /_sim/time':
      return json(200, { msPerSecond: target.clock.msPerSecond });
    default:
      return json(404, { error: `no control route ${route}` });
  }
}
