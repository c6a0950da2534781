// Admin-only sections: categories (errors at the field), users (role change)
// and notification templates (unknown variables refused).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO } from './harness.mjs';
import { shopAndBrowser, createUser, adminSignIn, tokenFor } from './admin_support.mjs';

const env = shopAndBrowser();

test('an admin manages categories, roles and templates', async (t) => {
  const { shop, browser } = env;
  const someone = await createUser(shop, 'customer', 'promote-me');
  const existing = (await shop.api('/categories')).body[0];

  await browser.run(t, async (page) => {
    await adminSignIn(page, shop.baseUrl, DEMO.admin, '/admin/categories');
    const form = page.getByRole('form', { name: 'New category' });
    const slug = form.getByRole('textbox', { name: 'Slug' });

    // Bad input is caught at the field before any request.
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Garden Tools');
    assert.equal(await slug.inputValue(), 'garden-tools', 'the slug follows the name');
    await slug.fill('Not A Slug');
    await form.getByRole('button', { name: 'Create category' }).click();
    assert.equal(await slug.getAttribute('aria-invalid'), 'true');

    // A slug that exists already: the server's conflict is shown at the slug.
    await slug.fill(existing.slug);
    await form.getByRole('button', { name: 'Create category' }).click();
    await page.locator(`#${await slug.getAttribute('id')}-error`).filter({ hasText: /\S/ }).waitFor();

    const fresh = `garden-tools-${Date.now().toString(36)}`;
    await slug.fill(fresh);
    await form.getByRole('button', { name: 'Create category' }).click();
    await page.getByText(`/${fresh}`).waitFor();
    assert.ok((await shop.api('/categories')).body.some((c) => c.slug === fresh));

    // Users: find the new customer and make them a seller.
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Search').fill(someone.email);
    const role = page.getByLabel(`Role of ${someone.email}`);
    await role.waitFor();
    await role.selectOption('seller');
    await page.getByText(`${someone.email} is now a seller`).waitFor();
    const admin = await tokenFor(shop, DEMO.admin);
    assert.equal((await shop.api(`/users/${someone.id}`, { token: admin })).body.role, 'seller');

    // Templates: a variable the notification does not carry is refused.
    await page.getByRole('link', { name: 'Notifications' }).click();
    const subject = page.getByRole('textbox', { name: 'Subject' });
    await subject.waitFor();
    await subject.fill('Welcome, {{nickname}}');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByRole('alert').filter({ hasText: '{{nickname}}' }).waitFor();
    await subject.fill('Welcome aboard, {{name}}');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByText('Template saved').waitFor();
    assert.equal((await shop.api('/notifications/templates/welcome', { token: admin })).body.subject, 'Welcome aboard, {{name}}');
    await page.getByRole('heading', { name: 'Failed deliveries' }).waitFor();
  });
});
