import { FormArray, FormControl, FormGroup, Validators } from '@angular/forms';
import { Action, type Grant, type Scope } from '@shared/auth/permission';

/**
 * One grant's controls. A scope is "all" or a list of names, which a multi-select cannot hold, so each
 * scope is a checkbox for "all" and the chosen names; the names are disabled (and so not required) while
 * "all" is ticked.
 */
export type GrantForm = ReturnType<typeof grantForm>;

/** The controls of a permission record's grants, under the API's name so server paths fit. */
export type GrantsForm = FormArray<GrantForm>;

/** A grant's controls, filled from the grant or as a new `deploy` grant everywhere. */
export function grantForm(grant?: Grant) {
  const form = new FormGroup({
    Action: new FormControl<Action>(grant?.Action ?? 'deploy', { nonNullable: true }),
    AllClusters: new FormControl(grant === undefined || grant.Clusters === 'all', { nonNullable: true }),
    Clusters: new FormControl(names(grant?.Clusters), { nonNullable: true, validators: Validators.required }),
    AllEnvironmentTypes: new FormControl(grant === undefined || grant.EnvironmentTypes === 'all', {
      nonNullable: true,
    }),
    EnvironmentTypes: new FormControl(names(grant?.EnvironmentTypes), {
      nonNullable: true,
      validators: Validators.required,
    }),
  });
  chooseAll(form, 'Clusters', form.controls.AllClusters.value);
  chooseAll(form, 'EnvironmentTypes', form.controls.AllEnvironmentTypes.value);
  return form;
}

/** Ticks or clears "all" for a scope, enabling the list of names only when it is cleared. */
export function chooseAll(form: GrantForm, scope: 'Clusters' | 'EnvironmentTypes', all: boolean): void {
  const names = form.controls[scope];
  if (all) {
    names.disable();
  } else {
    names.enable();
  }
}

/** The grants as the API takes them. */
export function grantsValue(grants: GrantsForm): Grant[] {
  return grants.getRawValue().map((g) => ({
    Action: g.Action,
    Clusters: g.AllClusters ? 'all' : g.Clusters,
    EnvironmentTypes: g.AllEnvironmentTypes ? 'all' : g.EnvironmentTypes,
  }));
}

function names(scope: Scope | undefined): string[] {
  return scope === undefined || scope === 'all' ? [] : [...scope];
}
