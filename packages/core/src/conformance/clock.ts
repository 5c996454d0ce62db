/** The kit's controllable clock: it stands still until the kit advances it. */
export interface TestClock {
  /** The clock function backends receive. */
  (): Date;
  /** The current instant as an ISO-8601 timestamp. */
  iso(): string;
  /** Moves the clock forward (or back, with a negative value) by `ms`. */
  advance(ms: number): string;
  /** Moves forward by one millisecond: the kit's "tick" between writes. */
  tick(): string;
  /** Sets the clock to an instant. */
  set(iso: string): void;
}

/** The instant every case starts at. */
export const KIT_EPOCH = "2026-01-01T00:00:00.000Z";

/** A clock at `start` that moves only through `advance`/`tick`/`set`, so timestamps are deterministic. */
export function createTestClock(start: string = KIT_EPOCH): TestClock {
  let now = Date.parse(start);
  const clock = (() => new Date(now)) as TestClock;
  clock.iso = () => new Date(now).toISOString();
  clock.advance = (ms: number) => {
    now += ms;
    return clock.iso();
  };
  clock.tick = () => clock.advance(1);
  clock.set = (iso: string) => {
    now = Date.parse(iso);
  };
  return clock;
}
