/**
 * The frame's localStorage (the API's origin; modern browsers partition it per embedding site). It may
 * be unavailable (blocked third-party storage, private modes): then state lives in memory for this page.
 */
const memory = new Map<string, string>();

export function readItem(name: string): string | null {
  try {
    return localStorage.getItem(name);
  } catch {
    return memory.get(name) ?? null;
  }
}

export function writeItem(name: string, value: string): void {
  try {
    localStorage.setItem(name, value);
  } catch {
    memory.set(name, value);
  }
}

export function removeItem(name: string): void {
  try {
    localStorage.removeItem(name);
  } catch {
    memory.delete(name);
  }
}

export function readJson<T>(name: string, isValid: (value: unknown) => value is T): T | null {
  const text = readItem(name);
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isValid(value) ? value : null;
  } catch {
    return null;
  }
}

export function writeJson(name: string, value: unknown): void {
  writeItem(name, JSON.stringify(value));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
