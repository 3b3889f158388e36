import { SingleBar, Presets } from 'cli-progress';
import type { ImportProgress } from '../domain/import/import-runner';

/** Shows import progress: a bar with rows/s and ETA on a terminal, plain lines otherwise. */
export interface ProgressView {
  update(progress: ImportProgress): void;
  stop(): void;
}

/** A progress view on `stream` (stderr by default); silent when `quiet`. */
export function progressView(options: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): ProgressView {
  const stream = options.stream ?? process.stderr;
  if (options.quiet) return { update: () => undefined, stop: () => undefined };
  return stream.isTTY ? new BarView(stream) : new LineView(stream);
}

class BarView implements ProgressView {
  private bar: SingleBar | undefined;
  private file = '';
  private started = 0;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(p: ImportProgress): void {
    if (p.file !== this.file) {
      this.bar?.stop();
      this.file = p.file;
      this.started = Date.now();
      this.bar = new SingleBar(
        {
          stream: this.stream,
          format: `${p.file} |{bar}| {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}`,
          hideCursor: true,
          etaBuffer: 20,
        },
        Presets.shades_classic,
      );
      this.bar.start(Math.max(p.totalBytes, 1), 0, { rows: 0, rate: 0 });
    }
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    this.bar?.update(p.bytesRead, { rows: p.rows, rate: Math.round(p.rows / seconds) });
    if (p.done) {
      this.bar?.stop();
      this.bar = undefined;
      this.file = '';
    }
  }

  stop(): void {
    this.bar?.stop();
  }
}

class LineView implements ProgressView {
  private lastLine = 0;
  private started = new Map<string, number>();

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(p: ImportProgress): void {
    const now = Date.now();
    if (!this.started.has(p.file)) this.started.set(p.file, now);
    if (!p.done && now - this.lastLine < 2000) return;
    this.lastLine = now;
    const seconds = Math.max((now - (this.started.get(p.file) ?? now)) / 1000, 0.001);
    const rate = p.rows / seconds;
    const fraction = p.totalBytes > 0 ? p.bytesRead / p.totalBytes : 1;
    const eta = fraction > 0 && !p.done ? Math.round((seconds / fraction) * (1 - fraction)) : 0;
    this.stream.write(
      `${p.file}: ${p.rows} rows, ${Math.round(fraction * 100)}%, ${Math.round(rate)} rows/s${p.done ? ', done' : `, ETA ${eta}s`}\n`,
    );
  }

  stop(): void {
    return;
  }
}
