// Storefront account pages in headless Chromium: register, session kept across
// a reload (refresh cookie, no token in web storage), profile and addresses,
// field errors from the API, notification preferences, data export download,
// sign out and in, password reset request, account deletion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { shopSession, uniqueEmail, TEST_PASSWORD } from './harness.mjs';

const session = shopSession();
const PASSWORD = TEST_PASSWORD;

test('a customer manages their account and then deletes it', async (t) => {
  const email = uniqueEmail('account');
  await session.browser.run(t, async (page) => {
    // Register: a short password is refused at the field first.
    await page.goto(session.shop.baseUrl + '/register');
    await page.getByLabel('Full name').fill('Katherine Johnson');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Use at least 10 characters.').waitFor();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL((url) => url.pathname === '/account');
    await page.getByRole('link', { name: 'Hi, Katherine' }).waitFor();

    // A reload keeps the session through the HttpOnly cookie; no token is stored.
    await page.reload();
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    await page.getByRole('link', { name: 'Hi, Katherine' }).waitFor();
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    assert.doesNotMatch(storage, /token|eyJ/i);
    const cookies = await page.context().cookies();
    const refresh = cookies.find((c) => c.name === 'refresh_token');
    assert.ok(refresh?.httpOnly, 'the refresh token is an HttpOnly cookie');

    // Profile and an address; the API's 422 lands at the field.
    await page.getByLabel('Name').first().fill('Katherine G. Johnson');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved.').waitFor();
    await page.getByRole('button', { name: 'Add an address' }).click();
    const form = page.getByRole('form', { name: 'New address' });
    await form.getByLabel('Full name').fill('Katherine Johnson');
    await form.getByLabel('Address line 1').fill('1 Langley Way');
    await form.getByLabel('City').fill('Hampton');
    await form.getByLabel('Country').selectOption('US');
    await form.getByRole('button', { name: 'Add address' }).click();
    await page.getByText('1 Langley Way').waitFor();

    // Preferences: switch SMS off and see it stay off after a reload.
    await page.getByRole('link', { name: 'Preferences' }).click();
    await page.getByLabel('SMS (text messages)').uncheck();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByText('Preferences saved.').waitFor();
    await page.reload();
    await page.getByLabel('Email', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('SMS (text messages)').isChecked(), false);

    // In-app notifications page answers (welcome or empty state).
    await page.getByRole('link', { name: 'Notifications' }).click();
    await page.locator('.notification-list, .state-empty').first().waitFor();

    // Data export downloads a JSON file with the profile.
    await page.getByRole('link', { name: 'Privacy & data' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my data' }).click(),
    ]);
    const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    assert.match(JSON.stringify(exported), new RegExp(email.replace(/[.+]/g, '\\$&')));

    // Sign out, then sign in again with a wrong and the right password.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await page.goto(session.shop.baseUrl + '/account');
    await page.waitForURL((url) => url.pathname === '/signin');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That email and password do not match an account.').waitFor();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/account');

    // Deleting needs the typed confirmation; afterwards the account is gone.
    await page.getByRole('link', { name: 'Privacy & data' }).click();
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Delete my account' }).click();
    await dialog.getByText('Type DELETE in capital letters.').waitFor();
    await dialog.getByLabel('Type DELETE to confirm').fill('DELETE');
    await dialog.getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForURL(session.shop.baseUrl + '/');
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    const login = await session.shop.api('/auth/login', { method: 'POST', body: { email, password: PASSWORD } });
    assert.equal(login.status, 401, 'the deleted account cannot sign in');
  }, { fullPage: true });
});

test('password reset: request page and the emailed link page', async (t) => {
  await session.browser.run(t, async (page) => {
    await page.goto(session.shop.baseUrl + '/forgot-password');
    await page.getByLabel('Email').fill('nobody@example.test');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText(/a reset link is on its way/).waitFor();

    await page.goto(session.shop.baseUrl + '/reset-password?token=not-a-real-token');
    await page.getByRole('textbox', { name: 'New password', exact: true }).fill(PASSWORD);
    await page.getByLabel('Repeat the new password').fill(PASSWORD + 'x');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('The passwords differ.').waitFor();
    await page.getByLabel('Repeat the new password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('alert').filter({ hasText: /invalid or has expired|token/i }).waitFor();
  });
});
