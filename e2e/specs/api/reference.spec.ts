import { expect, test } from '../../support/fixtures';

test('the API reference shows each route with the rights it needs and the refusals it can give, loading nothing from elsewhere (API-1)', async ({
  page,
  baseURL,
}) => {
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(baseURL ?? '') && !request.url().startsWith('data:')) elsewhere.push(request.url());
  });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { name: /Omnichannel API/ })).toBeVisible();
  await expect(page.getByText('Employees use the session cookie')).toBeVisible();

  const take = page.locator('.opblock').filter({ hasText: 'Take a request from the Unassigned queue' });
  await expect(take).toBeVisible();
  await expect(take).toContainText('/tickets/{id}/take');
  await take.getByRole('button', { name: /Take a request from the Unassigned queue/ }).click();
  await expect(take.getByText('Needs the rights: omni.access, omni.unassigned.')).toBeVisible();
  await expect(take.getByText('Refused: TICKET_ALREADY_TAKEN, TICKET_NOT_LIVE.')).toBeVisible();

  expect(elsewhere).toEqual([]);
  expect(problems).toEqual([]);
});
