import { TestBed } from '@angular/core/testing';
import type { DeploymentProgress } from '@shared/deployments/deployment';
import { InstanceChart } from './instance-chart';
import { withReading, type InstancePoint } from './instance-series';

function reading(at: string, old: number, fresh: number, weight?: number): DeploymentProgress {
  return {
    at,
    oldInstances: old,
    newInstances: fresh,
    instances: [],
    ...(weight === undefined ? {} : { weight }),
  };
}

describe('InstanceChart', () => {
  async function render(points: readonly InstancePoint[]): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(InstanceChart);
    fixture.componentRef.setInput('points', points);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const series = (...readings: (DeploymentProgress | undefined)[]) =>
    readings.reduce<readonly InstancePoint[]>((points, r) => withReading(points, r), []);

  it('keeps one point per new reading from a sequence of progress events', () => {
    const points = series(
      undefined,
      reading('2026-11-27T10:00:00.000Z', 2, 0),
      reading('2026-11-27T10:00:00.000Z', 2, 0),
      reading('2026-11-27T10:00:05.000Z', 2, 2),
      reading('2026-11-27T10:00:03.000Z', 9, 9),
      reading('2026-11-27T10:00:09.000Z', 0, 2),
    );

    expect(points).toEqual([
      { at: '2026-11-27T10:00:00.000Z', old: 2, new: 0 },
      { at: '2026-11-27T10:00:05.000Z', old: 2, new: 2 },
      { at: '2026-11-27T10:00:09.000Z', old: 0, new: 2 },
    ]);
  });

  it('draws the old and new counts as step lines, summarised in its accessible name', async () => {
    const chart = await render(
      series(
        reading('2026-11-27T10:00:00.000Z', 2, 0),
        reading('2026-11-27T10:00:05.000Z', 2, 2),
        reading('2026-11-27T10:00:10.000Z', 0, 2),
      ),
    );

    const svg = chart.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe(
      'Old and new instances over time, 3 readings. Latest: 0 old, 2 new.',
    );
    // x from 40 to 592 over 10 s; counts 0..2 from y 192 up to y 12
    expect(chart.querySelector('path.old')?.getAttribute('d')).toBe(
      'M40.0,12.0 H316.0 V12.0 H592.0 V192.0 H592.0',
    );
    expect(chart.querySelector('path.new')?.getAttribute('d')).toBe(
      'M40.0,192.0 H316.0 V12.0 H592.0 V12.0 H592.0',
    );
    expect(chart.querySelector('path.weight')).toBeNull();
  });

  it('adds the traffic weight for blue/green, and lists every point in a hidden table', async () => {
    const chart = await render(
      series(reading('2026-11-27T10:00:00.000Z', 3, 3, 0), reading('2026-11-27T10:01:00.000Z', 3, 3, 50)),
    );

    expect(chart.querySelector('svg')?.getAttribute('aria-label')).toContain(
      'Latest: 3 old, 3 new, new slice weight 50%.',
    );
    expect(chart.querySelector('path.weight')).not.toBeNull();
    const table = chart.querySelector('table.visually-hidden')!;
    const headers = Array.from(table.querySelectorAll('th')).map((th) => th.textContent?.trim());
    expect(headers).toEqual(['Time', 'Old instances', 'New instances', 'New slice weight (%)']);
    const rows = Array.from(table.querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('td'))
        .slice(1)
        .map((cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['3', '3', '0'],
      ['3', '3', '50'],
    ]);
  });

  it('says when there is no reading yet', async () => {
    const chart = await render([]);

    expect(chart.querySelector('svg')?.getAttribute('aria-label')).toBe(
      'Old and new instances over time: no reading yet.',
    );
    expect(chart.querySelectorAll('tbody tr').length).toBe(0);
  });
});
