const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** "512 B", "12.3 kB", "10 MB" in the employee's language. */
export function formatBytes(bytes: number, language: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = new Intl.NumberFormat(language, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
  return unit === 0 ? text.replace(/\s?byte$/, ' B') : text;
}
