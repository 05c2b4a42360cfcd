import { expect, signIn, test } from '../../support/fixtures';

test('a wrong password is refused with a clear message; sign-in and sign-out work', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel('Email').fill('operator@demo.local');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('Email or password is incorrect.');

  await signIn(page, 'operator@demo.local');
  await expect(page.getByTestId('me-name')).toHaveText('Olga Operator');
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'omni_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/chats');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('the interface speaks Russian', async ({ page }) => {
  await signIn(page, 'admin@demo.local');
  await page.getByRole('button', { name: 'Language' }).click();
  await page.getByRole('menuitem', { name: 'Русский' }).click();
  await expect(page.getByTestId('nav-unassigned')).toContainText('Нераспределённые');
  await expect(page.getByTestId('nav-mine')).toContainText('Все чаты');
  // The choice is the employee's own: stored in their profile, it follows them to other sessions.
  await expect.poll(async () => ((await (await page.request.get('/api/auth/me')).json()) as { language: string }).language).toBe('ru');
  await page.getByRole('button', { name: 'Язык' }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.getByTestId('nav-unassigned')).toContainText('Unassigned');
});
