import { beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations, skipBrowser, startBrowserApp } from '../../test/browser';
import { buildOrg, buildUser } from '../../test/factories';
import { useFixture } from '../../test/harness';

// The account page, its errors and the sign-out that ends it, in a browser and with the keyboard alone.
describe.skipIf(skipBrowser)('the account page in a browser', () => {
  const h = useFixture(() => startBrowserApp());
  let email: string;

  beforeAll(async () => {
    const org = await buildOrg(h.db, { slug: 'konto-kommun', name: 'Kontokommun' });
    email = (await buildUser(h.db, { organisationId: org.id, role: 'reader', name: 'Lena Läsare' })).email;
  });

  it('passes axe in Swedish and English, with and without errors, and works from the keyboard', async () => {
    const base = h.base;
    const { context, page } = await h.signedInPage(email, '/o/konto-kommun/work', { timeout: 5000 });
    await page.getByRole('link', { name: /^Lena Läsare/ }).click();
    await page.waitForURL(`${base}/account`);
    expect(await a11yViolations(page)).toEqual([]);

    await page.getByLabel('Nuvarande lösenord').fill('fel');
    await page.locator('#f-newPassword').fill('kort');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.error-summary').textContent()).toContain('Det nuvarande lösenordet stämmer inte.');
    expect(await a11yViolations(page)).toEqual([]);

    await page.goto(`${base}/lang/en?back=/account`);
    expect(await page.locator('h1').textContent()).toBe('Your account');
    expect(await a11yViolations(page)).toEqual([]);

    // Keyboard only: tab to the button and press Enter.
    const button = page.getByRole('button', { name: 'Sign out everywhere' });
    for (let i = 0; i < 40 && !(await button.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/`);
    expect(await page.locator('.flash').textContent()).toBe('You are signed out everywhere, in other browsers and devices too.');
    await context.close();
  });
});
