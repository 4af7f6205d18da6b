// Everything a person does works with JavaScript switched off: searching
// and filtering the register, signing in, and adding an association.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, freshOrgnr, clickThrough, T } from './lib/app.mjs';

let context;
const app = useApp({
	setup: async () => {
		context = await app.browser.newContext({ javaScriptEnabled: false });
	},
});

// Guards the rest of the file: in this context a page's own script must not run.
test('the context really has JavaScript switched off', T, async () => {
	const page = await context.newPage();
	await page.goto('data:text/html,<title>before</title><script>document.title="ran"</script>');
	assert.equal(await page.title(), 'before');
	await page.close();
});

test('search and filter the register', T, async () => {
	const page = await context.newPage();
	await page.goto(app.url + '/foreningar');
	await page.fill('#q', 'förening');
	const area = await page.$eval('#omrade option:nth-child(2)', (o) => o.value);
	const areaName = await page.$eval('#omrade option:nth-child(2)', (o) => o.textContent.trim());
	await page.selectOption('#omrade', area);
	await page.selectOption('#form', 'ideell');
	const res = await clickThrough(page, 'main form button[type=submit]');
	assert.equal(res.status(), 200);
	const url = new URL(page.url());
	assert.equal(url.searchParams.get('q'), 'förening');
	assert.equal(url.searchParams.get('omrade'), area);
	assert.equal(url.searchParams.get('form'), 'ideell');
	const metas = await page.$$eval('main .cards > li .meta', (ps) => ps.map((p) => p.textContent));
	assert.ok(metas.length > 0, 'the filtered search finds something');
	for (const m of metas) {
		assert.match(m, /^Ideell förening/, `every hit is an ideell förening: ${m}`);
		assert.ok(m.includes(areaName), `every hit is in ${areaName}: ${m}`);
	}
	// A search for nonsense finds nothing and says so.
	await page.fill('#q', 'zzqxvjwk');
	await clickThrough(page, 'main form button[type=submit]');
	assert.match(await page.textContent('main .count'), /^\s*0 träffar/);
	assert.equal((await page.$$('main .cards > li')).length, 0);
	await page.close();
});

test('page through the register', T, async () => {
	const page = await context.newPage();
	await page.goto(app.url + '/foreningar');
	const first = await page.$$eval('main .cards h2 a', (as) => as.map((a) => a.textContent));
	await clickThrough(page, 'a[rel=next]');
	assert.equal(new URL(page.url()).searchParams.get('sida'), '2');
	const second = await page.$$eval('main .cards h2 a', (as) => as.map((a) => a.textContent));
	assert.ok(second.length > 0 && !second.some((n) => first.includes(n)), 'page 2 shows other associations');
	await page.close();
});

test('sign in, add an association through the admin form, and sign out', T, async () => {
	const page = await context.newPage();
	await page.goto(app.url + '/admin/foreningar/ny');
	assert.equal(new URL(page.url()).pathname, '/logga-in', 'the admin form asks an anonymous visitor to sign in');
	await page.fill('#epost', app.users.admin.email);
	await page.fill('#losenord', app.users.admin.password);
	await clickThrough(page, 'main button[type=submit]');
	assert.equal(new URL(page.url()).pathname, '/admin/foreningar/ny', 'sign-in leads back to the page asked for');
	assert.ok(await page.isVisible('header button:has-text("Logga ut")'), 'signed in');

	const name = `Ingen-JS-föreningen ${Date.now()}`;
	const orgnr = freshOrgnr();
	await page.fill('#namn', name);
	await page.selectOption('#form', 'stiftelse');
	await page.fill('#organisationsnummer', orgnr);
	await page.fill('#andamal', 'Prövar att formuläret fungerar utan JavaScript.');
	await page.fill('#grundad', '1999');
	await page.check('input[name=omrade] >> nth=0');
	const res = await clickThrough(page, 'main form.stack button[type=submit]');
	assert.equal(res.status(), 200);
	const saved = new URL(page.url());
	assert.match(saved.pathname, /^\/admin\/foreningar\/\d+$/);
	assert.equal(await page.textContent('main .notice'), 'Sparat.');
	assert.equal(await page.inputValue('#namn'), name);
	assert.equal(await page.inputValue('#organisationsnummer'), orgnr);

	// It is in the public register now.
	const id = saved.pathname.split('/').pop();
	await page.goto(app.url + '/foreningar/' + id);
	assert.equal(await page.textContent('main h1'), name);
	assert.ok((await page.textContent('main .facts')).includes(orgnr));

	await clickThrough(page, 'header button:has-text("Logga ut")');
	assert.ok(await page.isVisible('header a[href="/logga-in"]'), 'signed out');
	const back = await page.goto(app.url + '/admin');
	assert.equal(new URL(page.url()).pathname, '/logga-in', `after signing out /admin asks for sign-in (status ${back.status()})`);
	await page.close();
});
