import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { Client } from 'pg';
import { DEMO_PASSWORD, readState } from './env';

export interface Db {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** Fixtures: `db` (the product's database, to assert what it holds) and `signIn` for employees. */
export const test = base.extend<{ db: Db }>({
  // eslint-disable-next-line no-empty-pattern
  db: async ({}, use) => {
    const client = new Client({ connectionString: readState().databaseUrl });
    await client.connect();
    await use({ query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[] });
    await client.end();
  },
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
  return context.newPage();
}
