/** How often the visitor's draft goes to the operator's typing preview (WORK-8), at most. */
export const TYPING_INTERVAL_MS = 400;

/**
 * Throttles the typing preview: the first change goes at once, then at most one every interval, and
 * the latest draft always goes last (trailing edge). `stop` says "no longer typing" at once, and only
 * if a preview was shown.
 */
export class TypingThrottle {
  private draft = '';
  private sent = '';
  private sentAt = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly emit: (text: string) => void,
    private readonly intervalMs = TYPING_INTERVAL_MS,
  ) {}

  update(text: string): void {
    if (text.trim() === '') {
      this.stop();
      return;
    }
    this.draft = text;
    if (this.timer !== null) return; // the trailing send takes the latest draft
    const wait = this.sentAt + this.intervalMs - Date.now();
    if (wait <= 0) this.flush();
    else
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush();
      }, wait);
  }

  stop(): void {
    this.cancel();
    this.draft = '';
    if (this.sent === '') return;
    this.sent = '';
    this.emit('');
  }

  /** Forgets what was sent without a word (the connection that carried it is gone). */
  reset(): void {
    this.cancel();
    this.draft = '';
    this.sent = '';
  }

  private flush(): void {
    if (this.draft === this.sent) return;
    this.sent = this.draft;
    this.sentAt = Date.now();
    this.emit(this.draft);
  }

  private cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
