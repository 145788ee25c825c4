/**
 * A loop's sleep that a nudge ends early. A nudge while the loop is awake is kept: the next sleep
 * returns at once, so no cue given between two looks is lost.
 */
export class WakeUp {
  private wake: (() => void) | undefined;
  private woken = false;

  nudge(): void {
    this.woken = true;
    this.wake?.();
  }

  /** Sleeps `planMs()` milliseconds (planned after any pending nudge is seen), or until a nudge. */
  async sleep(planMs: () => number | Promise<number>): Promise<void> {
    if (this.takeNudge()) return;
    const ms = await planMs();
    if (this.takeNudge()) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = () => {
        this.woken = false;
        done();
      };
    });
  }

  private takeNudge(): boolean {
    if (!this.woken) return false;
    this.woken = false;
    return true;
  }
}
