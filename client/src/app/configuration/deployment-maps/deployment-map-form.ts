import { FormArray, FormControl, FormGroup, Validators } from '@angular/forms';
import {
  AutoScalingSettings,
  DeploymentMap,
  DeploymentMapValue,
  DeploymentTarget,
} from '@shared/catalogue/deployment-map';
import { Name } from '@shared/catalogue/names';
import { schemaValidator } from '../../core/schema-validator';
import { capacityOrder } from './capacity-order';

const role = DeploymentTarget.shape;
const capacity = AutoScalingSettings.shape;

const text = (value = '', ...validators: Parameters<typeof schemaValidator>[0][]) =>
  new FormControl(value, { nonNullable: true, validators: validators.map(schemaValidator) });
const required = (value: string, schema: Parameters<typeof schemaValidator>[0]) =>
  new FormControl(value, { nonNullable: true, validators: [Validators.required, schemaValidator(schema)] });
const count = (value: number | null) =>
  new FormControl<number | null>(value, [Validators.required, schemaValidator(capacity.MinCapacity)]);

/** One hosted service of a role, as the schema names it, so server paths (`Services.0.ServiceName`) fit. */
export type ServiceForm = FormGroup<{ ServiceName: FormControl<string> }>;

/** One server role's controls, named as `DeploymentTarget`'s fields. */
export type RoleForm = ReturnType<typeof roleForm>;

/** The whole map's controls, named as the API names them so server field errors find their control. */
export type DeploymentMapForm = ReturnType<typeof deploymentMapForm>;

/** A hosted service's control. */
export function serviceForm(name: string): ServiceForm {
  return new FormGroup({ ServiceName: required(name, Name) });
}

/** A server role's controls, filled from the role or with a new role's defaults. */
export function roleForm(target?: DeploymentTarget) {
  const sizes = target?.AutoScalingSettings;
  return new FormGroup({
    ServerRoleName: required(target?.ServerRoleName ?? '', role.ServerRoleName),
    OwningCluster: required(target?.OwningCluster ?? '', role.OwningCluster),
    Services: new FormArray((target?.Services ?? []).map((s) => serviceForm(s.ServiceName))),
    AutoScalingSettings: new FormGroup(
      {
        MinCapacity: count(sizes?.MinCapacity ?? 1),
        DesiredCapacity: count(sizes?.DesiredCapacity ?? 1),
        MaxCapacity: count(sizes?.MaxCapacity ?? 2),
      },
      { validators: capacityOrder },
    ),
    InstanceType: required(target?.InstanceType ?? 't3.small', role.InstanceType),
    AMI: text(target?.AMI, role.AMI),
    FleetPerSlice: new FormControl(target?.FleetPerSlice === true, { nonNullable: true }),
    HealthCheckPath: text(target?.HealthCheckPath, role.HealthCheckPath),
    ContactEmailTag: text(target?.ContactEmailTag, role.ContactEmailTag),
    SecurityZone: text(target?.SecurityZone, role.SecurityZone),
    RoleTag: text(target?.RoleTag, role.RoleTag),
    // fields the form does not show (the original's subnet type and volumes) ride along, kept as loaded
    SubnetTypeName: new FormControl(target?.SubnetTypeName),
    Volumes: new FormControl(target?.Volumes),
  });
}

/** The map's controls, filled from the stored map or empty for a new one. */
export function deploymentMapForm(map?: DeploymentMap) {
  return new FormGroup({
    DeploymentMapName: required(map?.DeploymentMapName ?? '', DeploymentMap.shape.DeploymentMapName),
    Description: text(map?.Value.Description, DeploymentMapValue.shape.Description),
    DeploymentTarget: new FormArray((map?.Value.DeploymentTarget ?? []).map((t) => roleForm(t))),
  });
}

/** The map's Value as the API takes it: empty optional fields left out, what the form does not show kept. */
export function deploymentMapValue(form: DeploymentMapForm, schemaVersion?: number): DeploymentMapValue {
  const raw = form.getRawValue();
  const description = raw.Description.trim();
  return {
    ...(description ? { Description: description } : {}),
    DeploymentTarget: raw.DeploymentTarget.map((r) => ({
      ServerRoleName: r.ServerRoleName.trim(),
      OwningCluster: r.OwningCluster,
      Services: r.Services.map((s) => ({ ServiceName: s.ServiceName })),
      AutoScalingSettings: {
        MinCapacity: r.AutoScalingSettings.MinCapacity ?? 0,
        DesiredCapacity: r.AutoScalingSettings.DesiredCapacity ?? 0,
        MaxCapacity: r.AutoScalingSettings.MaxCapacity ?? 0,
      },
      InstanceType: r.InstanceType.trim(),
      ...optional('AMI', r.AMI),
      // always explicit, so saving a map never drops a stored `false` (a change the audit would show)
      FleetPerSlice: r.FleetPerSlice,
      ...optional('HealthCheckPath', r.HealthCheckPath),
      ...optional('ContactEmailTag', r.ContactEmailTag),
      ...optional('SecurityZone', r.SecurityZone),
      ...optional('RoleTag', r.RoleTag),
      ...(r.SubnetTypeName ? { SubnetTypeName: r.SubnetTypeName } : {}),
      ...(r.Volumes ? { Volumes: r.Volumes } : {}),
    })),
    ...(schemaVersion !== undefined ? { SchemaVersion: schemaVersion } : {}),
  };
}

function optional<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  const trimmed = value.trim();
  return trimmed ? ({ [key]: trimmed } as Record<K, string>) : {};
}
