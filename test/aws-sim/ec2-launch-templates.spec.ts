import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  DeleteLaunchTemplateCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  ModifyLaunchTemplateCommand,
  paginateDescribeLaunchTemplates,
} from '@aws-sdk/client-ec2';
import { startTestSim, type TestSim } from './support/test-sim';

const userData = (services: { name: string; version: string }[]) =>
  Buffer.from(JSON.stringify({ services, healthPath: '/health' })).toString('base64');

describe('aws-sim EC2 launch templates', () => {
  let t: TestSim;
  beforeAll(async () => (t = await startTestSim()));
  afterAll(() => t.close());

  const fail = (p: Promise<unknown>) =>
    p.then(
      () => fail.none,
      (e: any) => e,
    );
  fail.none = { name: 'no error', message: '' };

  async function create(name: string, version = '1.0.0') {
    const out = await t.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: name,
        VersionDescription: 'first',
        LaunchTemplateData: {
          ImageId: 'ami-0e5b1a2c3d4e5f603',
          InstanceType: 't3.small',
          UserData: userData([{ name: 'Basket', version }]),
          TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Service', Value: 'Basket' }] }],
        },
        TagSpecifications: [{ ResourceType: 'launch-template', Tags: [{ Key: 'Team', Value: 'Checkout' }] }],
      }),
    );
    return out.LaunchTemplate!;
  }

  it('creates a template with version 1 as default and latest, and reads its data back', async () => {
    const lt = await create('basket-create');
    expect(lt.LaunchTemplateId).toMatch(/^lt-[0-9a-f]{17}$/);
    expect(lt.DefaultVersionNumber).toBe(1);
    expect(lt.LatestVersionNumber).toBe(1);
    expect(lt.CreateTime).toEqual(jasmine.any(Date));
    expect(lt.Tags).toEqual([{ Key: 'Team', Value: 'Checkout' }]);
    const { LaunchTemplateVersions: versions } = await t.ec2.send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: lt.LaunchTemplateId, Versions: ['1'] }),
    );
    expect(versions!.length).toBe(1);
    const v = versions![0]!;
    expect(v.DefaultVersion).toBeTrue();
    expect(v.VersionDescription).toBe('first');
    expect(v.LaunchTemplateData!.ImageId).toBe('ami-0e5b1a2c3d4e5f603');
    expect(v.LaunchTemplateData!.InstanceType).toBe('t3.small');
    expect(v.LaunchTemplateData!.TagSpecifications).toEqual([
      { ResourceType: 'instance', Tags: [{ Key: 'Service', Value: 'Basket' }] },
    ]);
  });

  it('refuses a duplicate name, a missing name and missing data', async () => {
    await create('basket-dup');
    const dup = await fail(
      t.ec2.send(
        new CreateLaunchTemplateCommand({
          LaunchTemplateName: 'basket-dup',
          LaunchTemplateData: { ImageId: 'ami-1' },
        }),
      ),
    );
    expect(dup.name).toBe('InvalidLaunchTemplateName.AlreadyExistsException');
    expect(dup.message).toBe('Launch template name already in use.');
    const noData = await fail(
      t.ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'no-data' } as any)),
    );
    expect(noData.name).toBe('MissingParameter');
    const badName = await fail(
      t.ec2.send(
        new CreateLaunchTemplateCommand({
          LaunchTemplateName: 'x',
          LaunchTemplateData: { ImageId: 'ami-1' },
        }),
      ),
    );
    expect(badName.name).toBe('InvalidLaunchTemplateName.MalformedException');
  });

  it('creates versions from a source version, keeping what the new data does not override', async () => {
    const lt = await create('basket-versions');
    const { LaunchTemplateVersion: v2 } = await t.ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateName: 'basket-versions',
        SourceVersion: '1',
        VersionDescription: 'Basket 1.4.2',
        LaunchTemplateData: { UserData: userData([{ name: 'Basket', version: '1.4.2' }]) },
      }),
    );
    expect(v2!.VersionNumber).toBe(2);
    expect(v2!.DefaultVersion).toBeFalse();
    expect(v2!.LaunchTemplateData!.ImageId).toBe('ami-0e5b1a2c3d4e5f603');
    expect(v2!.LaunchTemplateData!.InstanceType).toBe('t3.small');
    const latest = await t.ec2.send(
      new DescribeLaunchTemplateVersionsCommand({
        LaunchTemplateId: lt.LaunchTemplateId,
        Versions: ['$Latest', '$Default'],
      }),
    );
    expect(latest.LaunchTemplateVersions!.map((v) => v.VersionNumber)).toEqual([2, 1]);
    expect(t.sim.cloud.ec2.resolveLaunchTemplate({ name: 'basket-versions', version: '$Latest' })).toEqual({
      launchTemplateId: lt.LaunchTemplateId!,
      launchTemplateName: 'basket-versions',
      version: 2,
    });
  });

  it('makes a version once per ClientToken: a retry gets the same version, other parameters are refused', async () => {
    const lt = await create('basket-idempotent');
    const request = {
      LaunchTemplateId: lt.LaunchTemplateId,
      SourceVersion: '1',
      VersionDescription: 'Basket 1.5.0',
      LaunchTemplateData: { UserData: userData([{ name: 'Basket', version: '1.5.0' }]) },
      ClientToken: 'deploy-0042-basket-1.5.0',
    };
    const first = await t.ec2.send(new CreateLaunchTemplateVersionCommand(request));
    const retry = await t.ec2.send(new CreateLaunchTemplateVersionCommand(request));
    expect(first.LaunchTemplateVersion!.VersionNumber).toBe(2);
    expect(retry.LaunchTemplateVersion).toEqual(first.LaunchTemplateVersion);

    const changed = await fail(
      t.ec2.send(
        new CreateLaunchTemplateVersionCommand({
          ...request,
          LaunchTemplateData: { UserData: userData([{ name: 'Basket', version: '1.6.0' }]) },
        }),
      ),
    );
    expect(changed.name).toBe('IdempotentParameterMismatch');
    expect(changed.message).toBe(
      'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).',
    );
    // another token (the SDK makes one per call when none is given) is another version
    const other = await t.ec2.send(
      new CreateLaunchTemplateVersionCommand({ ...request, ClientToken: 'deploy-0043-basket-1.5.0' }),
    );
    const { ClientToken: _unused, ...untokened } = request;
    const generated = await t.ec2.send(new CreateLaunchTemplateVersionCommand(untokened));
    expect([other, generated].map((o) => o.LaunchTemplateVersion!.VersionNumber)).toEqual([3, 4]);
    const { LaunchTemplates: after } = await t.ec2.send(
      new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [lt.LaunchTemplateId!] }),
    );
    expect(after![0]!.LatestVersionNumber).toBe(4);
  });

  it('describes $Latest, $Default and numbered versions with their description, default flag and data', async () => {
    const lt = await create('basket-describe', '1.0.0');
    await t.ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: lt.LaunchTemplateId,
        VersionDescription: 'Basket 2.0.0 on a larger type',
        LaunchTemplateData: {
          ImageId: 'ami-0e5b1a2c3d4e5f602',
          InstanceType: 't3.large',
          UserData: userData([{ name: 'Basket', version: '2.0.0' }]),
        },
      }),
    );
    const shown = async (version: string) => {
      const { LaunchTemplateVersions: vs } = await t.ec2.send(
        new DescribeLaunchTemplateVersionsCommand({
          LaunchTemplateName: 'basket-describe',
          Versions: [version],
        }),
      );
      expect(vs!.length).withContext(version).toBe(1);
      const v = vs![0]!;
      return {
        VersionNumber: v.VersionNumber,
        VersionDescription: v.VersionDescription,
        DefaultVersion: v.DefaultVersion,
        ImageId: v.LaunchTemplateData!.ImageId,
        InstanceType: String(v.LaunchTemplateData!.InstanceType),
        UserData: v.LaunchTemplateData!.UserData,
      };
    };
    const one = {
      VersionNumber: 1,
      VersionDescription: 'first',
      DefaultVersion: true,
      ImageId: 'ami-0e5b1a2c3d4e5f603',
      InstanceType: 't3.small',
      UserData: userData([{ name: 'Basket', version: '1.0.0' }]),
    };
    const two = {
      VersionNumber: 2,
      VersionDescription: 'Basket 2.0.0 on a larger type',
      DefaultVersion: false,
      ImageId: 'ami-0e5b1a2c3d4e5f602',
      InstanceType: 't3.large',
      UserData: userData([{ name: 'Basket', version: '2.0.0' }]),
    };
    expect(await shown('$Latest')).toEqual(two);
    expect(await shown('$Default')).toEqual(one);
    expect(await shown('1')).toEqual(one);
    expect(await shown('2')).toEqual(two);
    await t.ec2.send(
      new ModifyLaunchTemplateCommand({ LaunchTemplateId: lt.LaunchTemplateId, DefaultVersion: '2' }),
    );
    expect(await shown('$Default')).toEqual({ ...two, DefaultVersion: true });
    expect(await shown('1')).toEqual({ ...one, DefaultVersion: false });
  });

  it('sets the default version, which $Default and resolution follow', async () => {
    const lt = await create('basket-default');
    await t.ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: lt.LaunchTemplateId,
        SourceVersion: '$Latest',
        LaunchTemplateData: {},
      }),
    );
    const { LaunchTemplate: modified } = await t.ec2.send(
      new ModifyLaunchTemplateCommand({ LaunchTemplateId: lt.LaunchTemplateId, DefaultVersion: '2' }),
    );
    expect(modified!.DefaultVersionNumber).toBe(2);
    expect(t.sim.cloud.ec2.resolveLaunchTemplate({ id: lt.LaunchTemplateId }).version).toBe(2);
    const bad = await fail(
      t.ec2.send(
        new ModifyLaunchTemplateCommand({ LaunchTemplateId: lt.LaunchTemplateId, DefaultVersion: '9' }),
      ),
    );
    expect(bad.name).toBe('InvalidLaunchTemplateId.VersionNotFound');
  });

  it('answers unknown templates and versions with the errors EC2 gives', async () => {
    const lt = await create('basket-errors');
    const byName = await fail(
      t.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'nope' })),
    );
    expect(byName.name).toBe('InvalidLaunchTemplateName.NotFoundException');
    const byId = await fail(
      t.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: 'lt-0123456789abcdef0' })),
    );
    expect(byId.name).toBe('InvalidLaunchTemplateId.NotFound');
    expect(byId.message).toBe(
      'The specified launch template, with template ID lt-0123456789abcdef0, does not exist.',
    );
    const malformed = await fail(
      t.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: 'lt-xyz' })),
    );
    expect(malformed.name).toBe('InvalidLaunchTemplateId.Malformed');
    const version = await fail(
      t.ec2.send(
        new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: lt.LaunchTemplateId, Versions: ['7'] }),
      ),
    );
    expect(version.name).toBe('InvalidLaunchTemplateId.VersionNotFound');
    const list = await fail(
      t.ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['basket-errors', 'nope'] })),
    );
    expect(list.name).toBe('InvalidLaunchTemplateName.NotFoundException');
    expect(() => t.sim.cloud.ec2.resolveLaunchTemplate({ name: 'nope' })).toThrowError(/template name nope/);
  });

  it('describes templates by id, name and filter', async () => {
    const a = await create('filter-a');
    await create('filter-b');
    const byId = await t.ec2.send(
      new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [a.LaunchTemplateId!] }),
    );
    expect(byId.LaunchTemplates!.map((x) => x.LaunchTemplateName)).toEqual(['filter-a']);
    const byName = await t.ec2.send(
      new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['filter-b'] }),
    );
    expect(byName.LaunchTemplates!.map((x) => x.LaunchTemplateName)).toEqual(['filter-b']);
    const byFilter = await t.ec2.send(
      new DescribeLaunchTemplatesCommand({
        Filters: [{ Name: 'launch-template-name', Values: ['filter-*'] }],
      }),
    );
    expect(byFilter.LaunchTemplates!.map((x) => x.LaunchTemplateName).sort()).toEqual([
      'filter-a',
      'filter-b',
    ]);
    const badFilter = await fail(
      t.ec2.send(new DescribeLaunchTemplatesCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })),
    );
    expect(badFilter.name).toBe('InvalidParameterValue');
  });

  it('pages templates and versions with MaxResults and NextToken', async () => {
    for (const n of [1, 2, 3, 4, 5]) await create(`page-${n}`);
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeLaunchTemplates(
      { client: t.ec2, pageSize: 2 },
      { Filters: [{ Name: 'launch-template-name', Values: ['page-*'] }] },
    )) {
      pages++;
      names.push(...page.LaunchTemplates!.map((x) => x.LaunchTemplateName!));
    }
    expect(pages).toBe(3);
    expect(names).toEqual(['page-1', 'page-2', 'page-3', 'page-4', 'page-5']);
    for (let i = 0; i < 3; i++)
      await t.ec2.send(
        new CreateLaunchTemplateVersionCommand({
          LaunchTemplateName: 'page-1',
          SourceVersion: '1',
          LaunchTemplateData: {},
        }),
      );
    const first = await t.ec2.send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'page-1', MaxResults: 3 }),
    );
    expect(first.LaunchTemplateVersions!.map((v) => v.VersionNumber)).toEqual([4, 3, 2]);
    const second = await t.ec2.send(
      new DescribeLaunchTemplateVersionsCommand({
        LaunchTemplateName: 'page-1',
        MaxResults: 3,
        NextToken: first.NextToken,
      }),
    );
    expect(second.LaunchTemplateVersions!.map((v) => v.VersionNumber)).toEqual([1]);
    expect(second.NextToken).toBeUndefined();
  });

  it('deletes a template, after which it is unknown', async () => {
    const lt = await create('basket-delete');
    const { LaunchTemplate: deleted } = await t.ec2.send(
      new DeleteLaunchTemplateCommand({ LaunchTemplateName: 'basket-delete' }),
    );
    expect(deleted!.LaunchTemplateId).toBe(lt.LaunchTemplateId);
    const gone = await fail(
      t.ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: lt.LaunchTemplateId })),
    );
    expect(gone.name).toBe('InvalidLaunchTemplateId.NotFound');
  });
});
