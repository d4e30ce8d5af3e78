import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import type { Grant } from '@shared/auth/permission';
import { grantScope } from './grant-scope';

/** The signed-in user's grants: which action is allowed on which clusters and environment types. */
@Component({
  selector: 'app-grants-table',
  imports: [MatTableModule],
  template: `
    @if (grants().length === 0) {
      <p>You have no grants yet. Ask an administrator to add your team to a group.</p>
    } @else {
      <table mat-table [dataSource]="grants()" [attr.aria-label]="caption()">
        <ng-container matColumnDef="action">
          <th mat-header-cell *matHeaderCellDef scope="col">Action</th>
          <td mat-cell *matCellDef="let grant">{{ grant.Action }}</td>
        </ng-container>
        <ng-container matColumnDef="clusters">
          <th mat-header-cell *matHeaderCellDef scope="col">Clusters</th>
          <td mat-cell *matCellDef="let grant">{{ scope(grant.Clusters) }}</td>
        </ng-container>
        <ng-container matColumnDef="environmentTypes">
          <th mat-header-cell *matHeaderCellDef scope="col">Environment types</th>
          <td mat-cell *matCellDef="let grant">{{ scope(grant.EnvironmentTypes) }}</td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
    }
  `,
  styles: `
    table {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GrantsTable {
  /** The grants to list. */
  readonly grants = input.required<readonly Grant[]>();
  /** The table's accessible name. */
  readonly caption = input('Your grants');

  /** The columns, in order. */
  readonly columns = ['action', 'clusters', 'environmentTypes'];
  /** How a scope reads in a cell. */
  readonly scope = grantScope;
}
