import { InspectorSession } from './inspector-session';

/** Where a breakpoint pauses a step's run: its first statement, or where it answers succeeded (after its AWS calls). */
export type BreakpointAt = 'entry' | 'exit';

/** The files the strategies' steps are defined in, as the process loaded them. */
const STRATEGY_FILES = /\/server\/deployments\/strategies\/(scale-up-patch|blue-green)\.ts$/;

/**
 * How a step's definition starts in the code as loaded (tsx emits it compact, with double quotes): its name
 * as a literal, or for the canary steps the template literal of their factory (told apart by `weight`).
 */
function definitionOf(step: string): { pattern: RegExp; condition?: string } {
  const canary = /^(shift-traffic|bake)-(\d+)$/.exec(step);
  if (canary)
    return { pattern: new RegExp(`name:\\s*\`${canary[1]}-\\$\\{`), condition: `weight === ${canary[2]}` };
  return { pattern: new RegExp(`name:\\s*["']${step}["']`) };
}

/**
 * Breakpoints in the steps of a portal process started with `--inspect`, through the inspector: the process
 * stops inside the step, where no I/O would let a SIGKILL from outside land (verify-version reads only what
 * the pass read before it), and the spec kills it there. Each breakpoint pauses only the deployment of one
 * service version, so that the resumption of another deployment in the same process runs on.
 */
export class StepBreakpoints {
  private readonly scripts = new Map<string, string>();
  private readonly set: string[] = [];
  private readonly pause: Promise<string>;

  private constructor(private readonly session: InspectorSession) {
    let onPause: (reason: string) => void = () => undefined;
    // the process is killed once it pauses: one pause is all it has
    this.pause = new Promise((resolve) => (onPause = resolve));
    session.onEvent((e) => {
      if (e.method === 'Debugger.scriptParsed' && STRATEGY_FILES.test(String(e.params['url'])))
        this.scripts.set(String(e.params['url']), String(e.params['scriptId']));
      if (e.method === 'Debugger.paused') onPause(String(e.params['reason']));
    });
  }

  /** Attaches to the inspector at `url` and learns where the strategies' code is. */
  static async attach(url: string): Promise<StepBreakpoints> {
    const b = new StepBreakpoints(await InspectorSession.open(url));
    await b.session.send('Debugger.enable');
    if (b.scripts.size < 2) throw new Error('the portal process has not loaded both strategies');
    return b;
  }

  /** Pauses the process when the deployment of `version` reaches `at` of the step's run; resolves once set. */
  async pauseIn(step: string, at: BreakpointAt, version: string): Promise<void> {
    const { pattern, condition } = definitionOf(step);
    for (const scriptId of this.scripts.values()) {
      const { scriptSource } = await this.session.send<{ scriptSource: string }>('Debugger.getScriptSource', {
        scriptId,
      });
      const name = pattern.exec(scriptSource);
      if (!name) continue;
      const run = /run\(ctx\)\s*\{/g;
      run.lastIndex = name.index;
      const body = run.exec(scriptSource);
      if (!body) throw new Error(`no run(ctx) after the definition of ${step}`);
      let offset = body.index + body[0].length;
      if (at === 'exit') {
        offset = scriptSource.indexOf('return succeeded(', offset);
        if (offset === -1) throw new Error(`${step} never answers succeeded`);
        // on the call: V8 does not stop on a `return` right after an `if (...) return ...;`, as tsx emits them
        offset += 'return '.length;
      }
      const before = scriptSource.slice(0, offset).split('\n');
      const location = { scriptId, lineNumber: before.length - 1, columnNumber: before.at(-1)!.length };
      const when = [`ctx.deployment.ServiceVersion === ${JSON.stringify(version)}`, condition];
      const { breakpointId } = await this.session.send<{ breakpointId: string }>('Debugger.setBreakpoint', {
        location,
        condition: when.filter(Boolean).join(' && '),
      });
      this.set.push(breakpointId);
      return;
    }
    throw new Error(`no step ${step} in the strategies the process loaded`);
  }

  /** Resolves once the process pauses (at one of the breakpoints: nothing else pauses it). */
  paused(): Promise<string> {
    return this.pause;
  }

  /** Detaches (from a process that is gone). */
  detach(): void {
    this.session.close();
  }

  /** Removes the breakpoints set (the process goes on) and detaches. */
  async close(): Promise<void> {
    try {
      for (const id of this.set.splice(0))
        await this.session.send('Debugger.removeBreakpoint', { breakpointId: id });
    } catch {
      // the process is gone, and its breakpoints with it
    }
    this.session.close();
  }
}
