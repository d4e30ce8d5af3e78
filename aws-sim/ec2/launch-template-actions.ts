import { AwsError } from '../protocol/aws-error';
import type { QueryParams } from '../protocol/query-params';
import type { XmlValue } from '../protocol/xml';
import { matchesFilters, parseFilters, tagFilterValues } from './ec2-filters';
import { ec2Page } from './ec2-page';
import { parseTags } from './ec2-tags';
import type { LaunchTemplateRecord, TemplateVersion } from './launch-template-record';
import { launchTemplateXml, parseTemplateData, templateVersionXml } from './launch-template-shapes';
import type { LaunchTemplates, TemplateKey } from './launch-templates';

type Action = (params: QueryParams) => XmlValue;

function keyOf(params: QueryParams): TemplateKey {
  return { id: params.get('LaunchTemplateId'), name: params.get('LaunchTemplateName') };
}

/** Tags for the template itself: the `TagSpecification.N` entries of resource type `launch-template`. */
function templateTags(params: QueryParams): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const s of params.itemStructs('TagSpecification')) {
    if (s.get('ResourceType') === 'launch-template') Object.assign(tags, parseTags(s));
  }
  return tags;
}

/** The launch template actions of EC2, over the region's templates. */
export function launchTemplateActions(templates: LaunchTemplates): Record<string, Action> {
  const by = templates.createdBy();
  return {
    CreateLaunchTemplate(params) {
      const name = params.required('LaunchTemplateName', 'MissingParameter');
      if (!params.has('LaunchTemplateData')) {
        throw new AwsError(
          'MissingParameter',
          'No launch template data was provided. Launch template data is required to create a launch template.',
        );
      }
      const t = templates.create(
        name,
        parseTemplateData(params),
        params.get('VersionDescription'),
        templateTags(params),
      );
      return { launchTemplate: launchTemplateXml(t, by) };
    },

    CreateLaunchTemplateVersion(params) {
      const sourceVersion = params.get('SourceVersion');
      if (!params.has('LaunchTemplateData') && sourceVersion === undefined) {
        throw new AwsError('MissingParameter', 'The request must contain the parameter LaunchTemplateData');
      }
      const data = parseTemplateData(params);
      const clientToken = params.get('ClientToken');
      const { template, version } = templates.createVersion(
        keyOf(params),
        data,
        sourceVersion,
        params.get('VersionDescription'),
        clientToken === undefined
          ? undefined
          : { clientToken, parameters: params.canonical(['Action', 'Version', 'ClientToken']) },
      );
      return { launchTemplateVersion: templateVersionXml(template, version, by) };
    },

    DescribeLaunchTemplates(params) {
      const ids = params.items('LaunchTemplateId');
      const names = params.items('LaunchTemplateName');
      const filters = parseFilters(params);
      let found = templates.all();
      if (ids.length) found = ids.map((id) => templates.find({ id }));
      if (names.length) {
        const missing = names.filter((n) => !found.some((t) => t.name === n));
        if (missing.length) {
          throw new AwsError(
            'InvalidLaunchTemplateName.NotFoundException',
            'At least one of the launch templates specified in the request does not exist.',
          );
        }
        found = found.filter((t) => names.includes(t.name));
      }
      found = found.filter((t) =>
        matchesFilters(filters, (name) =>
          name === 'launch-template-name'
            ? [t.name]
            : name === 'create-time'
              ? [t.createTime]
              : tagFilterValues(name, t.tags),
        ),
      );
      const page = ec2Page(found, params, { min: 1, max: 200 });
      return { launchTemplates: page.items.map((t) => launchTemplateXml(t, by)), nextToken: page.nextToken };
    },

    DescribeLaunchTemplateVersions(params) {
      const key = keyOf(params);
      const specs = params.items('LaunchTemplateVersion');
      const scope = key.id !== undefined || key.name !== undefined ? [templates.find(key)] : templates.all();
      if (scope.length !== 1 && specs.some((s) => s !== '$Latest' && s !== '$Default')) {
        throw new AwsError(
          'InvalidParameterCombination',
          'Specify a launch template ID or name when you request specific version numbers.',
        );
      }
      const min = params.int('MinVersion');
      const max = params.int('MaxVersion');
      const rows: { t: LaunchTemplateRecord; v: TemplateVersion }[] = [];
      for (const t of scope) {
        const versions = specs.length
          ? [...new Set(specs.map((s) => templates.version(t, s)))]
          : t.versions.filter(
              (v) =>
                (min === undefined || v.versionNumber >= min) &&
                (max === undefined || v.versionNumber <= max),
            );
        for (const v of versions) rows.push({ t, v });
      }
      const filters = parseFilters(params);
      const matching = rows.filter(({ t, v }) =>
        matchesFilters(filters, (name) => {
          if (name === 'image-id') return v.data.imageId === undefined ? [] : [v.data.imageId];
          if (name === 'instance-type') return v.data.instanceType === undefined ? [] : [v.data.instanceType];
          if (name === 'is-default-version') return [String(v.versionNumber === t.defaultVersion)];
          return undefined;
        }),
      );
      // newest first, as EC2 lists versions
      matching.sort((a, b) => (a.t === b.t ? b.v.versionNumber - a.v.versionNumber : 0));
      const page = ec2Page(matching, params, { min: 1, max: 200 });
      return {
        launchTemplateVersionSet: page.items.map(({ t, v }) => templateVersionXml(t, v, by)),
        nextToken: page.nextToken,
      };
    },

    ModifyLaunchTemplate(params) {
      const version = params.get('SetDefaultVersion');
      const t =
        version === undefined ? templates.find(keyOf(params)) : templates.setDefault(keyOf(params), version);
      return { launchTemplate: launchTemplateXml(t, by) };
    },

    DeleteLaunchTemplate(params) {
      return { launchTemplate: launchTemplateXml(templates.delete(keyOf(params)), by) };
    },
  };
}
