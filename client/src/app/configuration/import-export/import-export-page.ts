import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { ApiProblem } from '../../core/api-problem';
import { Confirmation } from '../../core/confirmation';
import { problemOf } from '../../core/problem-of';
import { ConfigProblem } from '../config-kit/config-problem';
import { userBlocker } from '../config-kit/user-blocker';
import { ConfigTransferApi } from './config-transfer-api';
import { downloadJson } from './download-json';
import { importFieldError } from './import-field-error';
import { readImportFile, type ImportFile } from './import-file';
import type { ImportMode, ImportResult } from '@shared/api/import-result';
import { transferResources, type TransferResource } from './transfer-resource';

/** A file chosen for import into a resource. */
interface PendingImport {
  readonly resource: TransferResource;
  readonly file: ImportFile;
}

/**
 * Export of each config resource as a JSON file, and import of such a file: the server checks every record
 * before writing any, and answers what it created, updated, left alone and deleted. Admins only.
 */
@Component({
  selector: 'app-import-export-page',
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    MatRadioModule,
    MatTooltipModule,
    RouterLink,
    ConfigProblem,
  ],
  templateUrl: './import-export-page.html',
  styleUrls: ['../config-kit/config-list.scss', './import-export-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportExportPage {
  private readonly api = inject(ConfigTransferApi);
  private readonly confirmation = inject(Confirmation);

  /** The resources on offer. */
  readonly resources = transferResources;
  /** Why the user may not export or import, or null when they may. */
  readonly blocker = userBlocker({ action: 'admin', everywhere: true });
  /** The resource being exported, if any. */
  readonly exporting = signal<string | null>(null);
  /** The file chosen for import, read and counted. */
  readonly pending = signal<PendingImport | null>(null);
  /** Why the chosen file cannot be imported. */
  readonly fileProblem = signal<string | null>(null);
  /** Merge (keep what the file lacks) or replace (delete it). */
  readonly mode = signal<ImportMode>('merge');
  /** Whether an import is in flight. */
  readonly importing = signal(false);
  /** What the last import did. */
  readonly result = signal<{ label: string; answer: ImportResult } | null>(null);
  /** Why the last export or import failed. */
  readonly problem = signal<ApiProblem | null>(null);
  /** The failed import's field errors, naming records by their number and key. */
  readonly fieldErrors = computed(() => {
    const problem = this.problem();
    const pending = this.pending();
    return problem && pending
      ? problem.errors.map((e) => importFieldError(e, pending.file.records, pending.resource.keyField))
      : [];
  });
  /** The problem without its field list, which `fieldErrors` shows readably. */
  readonly summary = computed(() => {
    const problem = this.problem();
    return problem ? new ApiProblem({ ...problem, errors: [] }) : null;
  });

  /** Downloads every record of the resource as `{resource}.json`. */
  async exportRecords(resource: TransferResource): Promise<void> {
    if (this.blocker() !== null || this.exporting() !== null) {
      return;
    }
    this.exporting.set(resource.name);
    this.problem.set(null);
    try {
      downloadJson(`${resource.name}.json`, await this.api.exportRecords(resource.name));
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `The ${resource.label.toLowerCase()} could not be exported.`));
    } finally {
      this.exporting.set(null);
    }
  }

  /** Reads the chosen file and shows how many records it holds, ready to import. */
  async chooseFile(resource: TransferResource, event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const chosen = input.files?.[0];
    input.value = '';
    if (!chosen || this.blocker() !== null) {
      return;
    }
    this.pending.set(null);
    this.result.set(null);
    this.problem.set(null);
    this.fileProblem.set(null);
    try {
      this.pending.set({ resource, file: await readImportFile(chosen) });
    } catch (error: unknown) {
      this.fileProblem.set(error instanceof Error ? error.message : `${chosen.name} could not be read.`);
    }
  }

  /** Forgets the chosen file. */
  cancel(): void {
    this.pending.set(null);
    this.problem.set(null);
  }

  /** Sends the chosen file, after confirmation, and shows the server's answer or its refusal. */
  async importRecords(): Promise<void> {
    const pending = this.pending();
    if (!pending || this.blocker() !== null || this.importing()) {
      return;
    }
    const { resource, file } = pending;
    const replacing = this.mode() === 'replace';
    const confirmed = await this.confirmation.ask({
      title: `Import ${file.records.length} ${resource.label.toLowerCase()}?`,
      message:
        `This creates and updates ${resource.label.toLowerCase()} from ${file.fileName}` +
        (replacing
          ? `, and deletes every one the file does not hold.`
          : `; records the file lacks are kept.`),
      confirmLabel: 'Import',
    });
    if (!confirmed) {
      return;
    }
    this.importing.set(true);
    this.problem.set(null);
    try {
      const answer = await this.api.importRecords(resource.name, this.mode(), file.records);
      this.result.set({ label: resource.label, answer });
      this.pending.set(null);
    } catch (error: unknown) {
      this.problem.set(problemOf(error, `The ${resource.label.toLowerCase()} could not be imported.`));
    } finally {
      this.importing.set(false);
    }
  }
}
