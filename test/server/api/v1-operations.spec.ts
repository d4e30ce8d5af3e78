import { startTestSim, type TestSim } from '../../aws-sim/support/test-sim';
import { givenUser, unique } from '../../fixtures/builders';
import { ApiClient, type ApiReply } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestPortal, type TestPortal } from '../../support/test-portal';
import { givenFleetEstate } from '../fleet/support/fleet-estate';
import { V1_OPERATIONS, type V1Operation, type WalkContext } from './v1-operations';

/** What is wrong with a reply to an operation, if anything. */
function drift(op: V1Operation, res: ApiReply): string[] {
  const problems: string[] = [];
  if (res.status !== op.status) {
    const detail = (res.body as { detail?: string } | undefined)?.detail;
    problems.push(`answered ${res.status}, not ${op.status}${detail ? `: ${detail}` : ''}`);
    return problems;
  }
  if (op.status >= 400) {
    const detail = (res.body as { detail?: unknown }).detail;
    if (!res.contentType.includes('application/problem+json'))
      problems.push('the problem is not problem+json');
    if (typeof detail !== 'string' || detail.length < 20) problems.push('the problem does not say why');
    if (op.kind === 'not-yet' && !/not implemented yet|do not exist here yet/.test(String(detail)))
      problems.push('the problem does not say it is not implemented yet');
    return problems;
  }
  const shape = op.reply;
  if (!shape || shape.type === 'any') return problems;
  if (shape.type === 'text') {
    if (!res.contentType.startsWith('text/plain') || typeof res.body !== 'string' || !res.body)
      problems.push(`the reply is not text (${res.contentType})`);
    return problems;
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (shape.type === 'array' && !Array.isArray(res.body)) return [...problems, 'the reply is not an array'];
  if (shape.type === 'object' && !isObject(res.body)) return [...problems, 'the reply is not an object'];
  const items: unknown[] = Array.isArray(res.body) ? res.body : [res.body];
  for (const field of shape.fields ?? []) {
    if (items.some((item) => !isObject(item) || !(field in item))) problems.push(`a reply lacks ${field}`);
  }
  return problems;
}

describe('the published v1 API, operation by operation (test/server/api/v1-operations.ts)', () => {
  let sim: TestSim;
  let tp: TestPortal;
  let admin: ApiClient;
  let context: WalkContext;

  beforeAll(async () => {
    sim = await startTestSim();
    tp = await startTestPortal({ awsEndpoint: sim.sim.endpoint });
    admin = await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD);
    const estate = await givenFleetEstate(admin, sim);
    const scratch = {
      cluster: unique('WalkTeam'),
      importedCluster: unique('WalkImported'),
      environmentType: unique('WalkType'),
      deploymentMap: unique('WalkMap'),
      environment: unique('walk').toLowerCase(),
      service: unique('WalkSvc'),
      oldStyleService: unique('WalkOldSvc'),
      permission: unique('walker'),
      accountNumber: String(100000000000 + (process.pid % 100000)),
    };
    // what the list's operations act on but no operation of the original creates: a user, and a second service
    await givenUser(admin, { username: scratch.permission });
    context = {
      environment: estate.environment,
      environmentType: estate.type,
      cluster: estate.cluster,
      webService: estate.webService,
      apiService: estate.apiService,
      webGroup: estate.webGroup,
      blueGroup: estate.blueGroup,
      greenGroup: estate.greenGroup,
      scratch,
      captured: {},
      version: async (path) => {
        const res = await admin.get<{ Version?: number }>(path);
        if (res.status !== 200 || typeof res.body.Version !== 'number')
          throw new Error(`no Version at ${path}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body.Version;
      },
    };
    // GET /environments/{name}/accountName needs the estate's environment type to name an account
    const account = await admin.post('/config/accounts', {
      AccountName: 'WalkSandbox',
      AccountNumber: String(200000000000 + (process.pid % 100000)),
    });
    if (account.status !== 201) throw new Error(`cannot create an account: ${JSON.stringify(account.body)}`);
    const typePath = `/config/environment-types/${estate.type}`;
    const named = await admin.put(
      typePath,
      { Description: 'test type', AWSAccountName: 'WalkSandbox' },
      await context.version(typePath),
    );
    if (named.status !== 200) throw new Error(`cannot name the account: ${JSON.stringify(named.body)}`);
    const old = await admin.post('/config/services', {
      ServiceName: scratch.oldStyleService,
      OwningCluster: estate.cluster,
      Value: { BluePort: 47103, GreenPort: 47104 },
    });
    if (old.status !== 201)
      throw new Error(`cannot create ${scratch.oldStyleService}: ${JSON.stringify(old.body)}`);
  });
  afterAll(async () => {
    await tp.close();
    await sim.close();
  });

  /** Makes the operation's example request as its caller. */
  async function call(op: V1Operation): Promise<ApiReply> {
    const req = await op.example(context);
    const query = req.query ? `?${new URLSearchParams(req.query).toString()}` : '';
    const caller = req.caller ?? 'admin';
    const token =
      caller === 'anonymous'
        ? ''
        : caller === 'throwaway'
          ? (await new ApiClient(tp.baseUrl).signIn('admin', ADMIN_PASSWORD)).token
          : admin.token;
    return admin.call(op.method, `${req.path}${query}`, {
      body: req.body,
      ...(req.headers ? { headers: { ...req.headers } } : {}),
      ...(token !== undefined ? { token } : {}),
    });
  }

  it("lists each of the original's 118 operations once", () => {
    const keys = V1_OPERATIONS.map((op) => `${op.method} ${op.path}`);
    expect(keys.length).toBe(118);
    expect(new Set(keys).size).toBe(118);
    expect(new Set(V1_OPERATIONS.map((op) => op.path)).size).toBe(76);
  });

  it('answers every operation as the list says: implemented and mapped reads as documented, mapped writes 410, the rest 501', async () => {
    const rows: { op: V1Operation; status: string; result: string }[] = [];
    const failures: string[] = [];
    for (const op of V1_OPERATIONS) {
      let res: ApiReply;
      try {
        res = await call(op);
      } catch (e) {
        // an example that needs what an earlier operation failed to make
        const problem = `no request could be made: ${e instanceof Error ? e.message : String(e)}`;
        rows.push({ op, status: '-', result: `DRIFT: ${problem}` });
        failures.push(`${op.method} ${op.path}: ${problem}`);
        continue;
      }
      if (op.knownDrift && res.status === op.knownDrift.status) {
        rows.push({ op, status: String(res.status), result: `KNOWN DRIFT: ${op.knownDrift.why}` });
        continue;
      }
      const problems = drift(op, res);
      if (op.knownDrift && problems.length === 0)
        problems.push('answers as documented now: remove its knownDrift from the list');
      if (problems.length === 0) op.capture?.(res.body, context);
      rows.push({
        op,
        status: String(res.status),
        result: problems.length ? `DRIFT: ${problems.join('; ')}` : 'ok',
      });
      if (problems.length) failures.push(`${op.method} ${op.path}: ${problems.join('; ')}`);
    }

    const width = Math.max(...rows.map((r) => `${r.op.method} ${r.op.path}`.length));
    const lines = rows.map(
      (r) =>
        `${`${r.op.method} ${r.op.path}`.padEnd(width)}  ${r.status.padStart(3)}  ${r.op.kind.padEnd(11)}  ${r.result}`,
    );
    const counts = (['implemented', 'mapped', 'not-yet'] as const)
      .map((k) => `${V1_OPERATIONS.filter((op) => op.kind === k).length} ${k}`)
      .join(', ');
    console.log(
      [
        '',
        `${'operation'.padEnd(width)}  got  ${'kind'.padEnd(11)}  result`,
        ...lines,
        `${V1_OPERATIONS.length} operations: ${counts}; ${rows.filter((r) => r.result.startsWith('skipped')).length} skipped, ${failures.length} drifted`,
      ].join('\n'),
    );
    expect(failures).toEqual([]);
  });
});
