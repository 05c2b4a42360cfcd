/** Inline icons (no requests, no icon font). All are decorative: their buttons carry the label. */

export function ChatIcon() {
  return (
    <svg width="28" height="28" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path
        d="M12 3.5c-4.97 0-9 3.36-9 7.5 0 2.1 1.04 4 2.72 5.36-.2 1.37-.86 2.62-1.9 3.54a.4.4 0 0 0 .3.7c1.9-.06 3.6-.74 4.88-1.8.95.24 1.96.37 3 .37 4.97 0 9-3.36 9-7.5s-4.03-7.67-9-7.67Z"
        fill="currentColor"
      />
      <circle cx="8.2" cy="11.2" r="1.15" fill="var(--accent)" />
      <circle cx="12" cy="11.2" r="1.15" fill="var(--accent)" />
      <circle cx="15.8" cy="11.2" r="1.15" fill="var(--accent)" />
    </svg>
  );
}

export function ChevronDownIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path d="m6 9 6 6 6-6" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

export function ArrowLeftIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path d="M19 12H5m6-6-6 6 6 6" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

export function PersonIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <circle cx="12" cy="8" r="4" stroke="currentColor" stroke-width="2" />
      <path d="M4.5 20c1.2-3.5 4-5.5 7.5-5.5s6.3 2 7.5 5.5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
    </svg>
  );
}

export function SendIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path
        d="M4.4 4.2 20.2 11.3a.75.75 0 0 1 0 1.37L4.4 19.8a.75.75 0 0 1-1.03-.9L5.5 12 3.37 5.1a.75.75 0 0 1 1.03-.9Z"
        fill="currentColor"
      />
      <path d="M5.5 12h6.5" stroke="var(--accent)" stroke-width="1.6" stroke-linecap="round" />
    </svg>
  );
}

export function PaperclipIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path
        d="m20.2 11.4-7.9 7.9a5 5 0 0 1-7.07-7.07l8.3-8.3a3.33 3.33 0 0 1 4.71 4.71l-8.3 8.3a1.67 1.67 0 0 1-2.36-2.36l7.6-7.6"
        stroke="currentColor"
        stroke-width="1.9"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}

export function FileIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8l-5-5Z" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" />
      <path d="M14 3v5h5M9 13h6M9 17h4" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

export function CloseIcon({ size = 16 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
    </svg>
  );
}

export function DownloadIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path d="M12 4v11m0 0-4.5-4.5M12 15l4.5-4.5M5 19.5h14" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
