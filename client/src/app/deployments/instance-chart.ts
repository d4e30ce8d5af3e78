import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { InstancePoint } from './instance-series';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 48, bottom: 28, left: 40 };

/** A line of the chart: its SVG path, class and legend label. */
interface ChartLine {
  readonly key: 'old' | 'new' | 'weight';
  readonly label: string;
  readonly path: string;
}

/** A step path through the points: each value holds until the next reading. */
function stepPath(xs: readonly number[], ys: readonly number[], right: number): string {
  if (xs.length === 0) {
    return '';
  }
  let path = `M${xs[0]!.toFixed(1)},${ys[0]!.toFixed(1)}`;
  for (let i = 1; i < xs.length; i++) {
    path += ` H${xs[i]!.toFixed(1)} V${ys[i]!.toFixed(1)}`;
  }
  return `${path} H${right.toFixed(1)}`;
}

/**
 * Old and new instance counts over a rollout (and the new slice's traffic weight for blue/green) as an
 * inline SVG step chart; screen readers get a summary of the latest reading and a table of every point.
 */
@Component({
  selector: 'app-instance-chart',
  imports: [DatePipe],
  templateUrl: './instance-chart.html',
  styleUrl: './instance-chart.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstanceChart {
  /** The readings, oldest first. */
  readonly points = input.required<readonly InstancePoint[]>();

  /** The drawing's size. */
  readonly size = { width: WIDTH, height: HEIGHT, pad: PAD };
  /** Whether any reading has a traffic weight (blue/green). */
  readonly hasWeight = computed(() => this.points().some((p) => p.weight !== undefined));
  /** The highest count on the axis (at least 1, so a flat zero line still has a scale). */
  readonly maxCount = computed(() => Math.max(1, ...this.points().flatMap((p) => [p.old, p.new])));

  /** What the chart shows, in words: the latest counts. */
  readonly summary = computed(() => {
    const points = this.points();
    const last = points[points.length - 1];
    if (!last) {
      return 'Old and new instances over time: no reading yet.';
    }
    const weight = last.weight === undefined ? '' : `, new slice weight ${last.weight}%`;
    const readings = points.length === 1 ? '1 reading' : `${points.length} readings`;
    return `Old and new instances over time, ${readings}. Latest: ${last.old} old, ${last.new} new${weight}.`;
  });

  /** The lines to draw. */
  readonly lines = computed<ChartLine[]>(() => {
    const points = this.points();
    const times = points.map((p) => Date.parse(p.at));
    const first = times[0] ?? 0;
    const span = Math.max(1, (times[times.length - 1] ?? 0) - first);
    const plotWidth = WIDTH - PAD.left - PAD.right;
    const plotHeight = HEIGHT - PAD.top - PAD.bottom;
    const xs = times.map((t) => PAD.left + (points.length === 1 ? 0 : ((t - first) / span) * plotWidth));
    const y = (value: number, max: number) => PAD.top + plotHeight - (value / max) * plotHeight;
    const right = WIDTH - PAD.right;
    // old is drawn last: dashed over the solid new line, both stay visible where the counts are equal
    const lines: ChartLine[] = [
      {
        key: 'new',
        label: 'New instances',
        path: stepPath(
          xs,
          points.map((p) => y(p.new, this.maxCount())),
          right,
        ),
      },
      {
        key: 'old',
        label: 'Old instances',
        path: stepPath(
          xs,
          points.map((p) => y(p.old, this.maxCount())),
          right,
        ),
      },
    ];
    if (this.hasWeight()) {
      // a reading without a weight keeps the one before (0 before the first)
      let weight = 0;
      const ys = points.map((p) => y((weight = p.weight ?? weight), 100));
      lines.unshift({ key: 'weight', label: 'New slice weight (%)', path: stepPath(xs, ys, right) });
    }
    return lines;
  });

  /** Where the count axis's ticks go: 0, the middle and the top. */
  readonly countTicks = computed(() => {
    const max = this.maxCount();
    const plotHeight = HEIGHT - PAD.top - PAD.bottom;
    return [...new Set([0, Math.round(max / 2), max])].map((value) => ({
      value,
      y: PAD.top + plotHeight - (value / max) * plotHeight,
    }));
  });
}
