// Days as the venue pages take them, counted in Stockholm: for the tests
// that book, apply and look up weeks.

// A day counted from today, YYYY-MM-DD in Stockholm.
export function day(offset) {
	return new Date(Date.now() + offset * 86400000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

// The weekday of a YYYY-MM-DD day, 1 for Monday to 7 for Sunday.
export function weekday(d) {
	return ((new Date(d + 'T12:00:00Z').getUTCDay() + 6) % 7) + 1;
}

// The ISO week of a YYYY-MM-DD day, as ?vecka= takes it: 2026-W51.
export function isoWeek(d) {
	const t = new Date(d + 'T12:00:00Z');
	t.setUTCDate(t.getUTCDate() + 4 - weekday(d)); // the week's Thursday
	const jan1 = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
	const n = Math.floor((t - jan1) / 86400000 / 7) + 1;
	return `${t.getUTCFullYear()}-W${String(n).padStart(2, '0')}`;
}
