import { test as base, expect, request, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { Client } from 'pg';
import { DEMO_PASSWORD, E2E_PORT, readState } from './env';

export interface Db {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** Every person a test opened; their pages (and live sockets) close when the test ends. */
const people: BrowserContext[] = [];

/**
 * Fixtures: `db` (the product's database, to assert what it holds) and, for every test, the closing of
 * the people it opened, so no page of one test keeps talking to the server during the next.
 */
export const test = base.extend<{ db: Db; closePeople: undefined }>({
  // eslint-disable-next-line no-empty-pattern
  db: async ({}, use) => {
    const client = new Client({ connectionString: readState().databaseUrl });
    await client.connect();
    await use({ query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[] });
    await client.end();
  },
  closePeople: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use(undefined);
      for (const context of people.splice(0)) await context.close();
    },
    { auto: true },
  ],
});

export { expect };

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('me-name')).toBeVisible();
}

/** A fresh browser context: a separate person with their own cookies and storage. */
export async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US' });
  people.push(context);
  return context.newPage();
}

/** The REST API as a signed-in employee (for arranging what a test needs; dispose it when done). */
export async function apiAs(email: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: `http://127.0.0.1:${E2E_PORT}` });
  const signedIn = await api.post('/api/auth/sign-in', { data: { email, password: DEMO_PASSWORD } });
  expect(signedIn.ok()).toBe(true);
  return api;
}

let hired = 0;

/**
 * A new operator of the Support department (group Operators), created by the demo administrator through
 * the API: a colleague whose lists and counters hold only what the test gives them.
 */
export async function hireOperator(name: string): Promise<{ email: string; name: string }> {
  const api = await apiAs('admin@demo.local');
  try {
    const groups = (await (await api.get('/api/groups')).json()) as { items: { id: string; name: string }[] };
    const departments = (await (await api.get('/api/departments')).json()) as { items: { id: string; name: string }[] };
    const email = `operator-${Date.now()}-${++hired}@demo.local`;
    const created = await api.post('/api/employees', {
      data: {
        email,
        name,
        password: DEMO_PASSWORD,
        groupIds: groups.items.filter((g) => g.name === 'Operators').map((g) => g.id),
        departmentIds: departments.items.filter((d) => d.name === 'Support').map((d) => d.id),
      },
    });
    expect(created.status()).toBe(201);
    return { email, name };
  } finally {
    await api.dispose();
  }
}
