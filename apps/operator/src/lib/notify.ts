import type { EmployeeSelf } from '@omnichannel/contracts';

let audio: AudioContext | null = null;

/** A short two-tone chime, synthesised (no sound file to ship). */
function chime(): void {
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now + i * 0.12);
      gain.gain.exponentialRampToValueAtTime(0.15, now + i * 0.12 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.12 + 0.25);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + i * 0.12);
      osc.stop(now + i * 0.12 + 0.3);
    }
  } catch {
    // audio unavailable (no user gesture yet, or no device): silence is fine
  }
}

/** Asks once for permission to show browser notifications (on a user gesture). */
export function requestDesktopPermission(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
}

/**
 * NAV-7: a new request or message is announced by a sound and, when the tab is hidden, a browser
 * notification — each as the employee chose in their profile.
 */
export function announce(me: EmployeeSelf, title: string, body: string, onClick?: () => void): void {
  if (!document.hidden) {
    if (me.notifySound) chime();
    return;
  }
  if (me.notifySound) chime();
  if (me.notifyDesktop && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
    const notification = new Notification(title, { body: body.slice(0, 200), tag: title });
    notification.onclick = () => {
      window.focus();
      onClick?.();
      notification.close();
    };
  }
}
