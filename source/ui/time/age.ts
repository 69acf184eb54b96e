const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
const daysPerMonth = 30.4375;
const daysPerYear = 365.25;

/**
 * Short ages for tables, at most four characters: "45s", "12m", "5h", "45d", "14mo", "3y".
 * Days until two months, months until two years.
 */
export function age(fromMs: number, nowMs: number): string {
	const elapsed = Math.max(0, nowMs - fromMs);
	if (elapsed < minute) return `${Math.floor(elapsed / second)}s`;
	if (elapsed < hour) return `${Math.floor(elapsed / minute)}m`;
	if (elapsed < day) return `${Math.floor(elapsed / hour)}h`;
	const days = Math.floor(elapsed / day);
	const months = Math.floor(days / daysPerMonth);
	if (months < 2) return `${days}d`;
	const years = Math.floor(days / daysPerYear);
	return years < 2 ? `${months}mo` : `${years}y`;
}

/**
 * When the label `age(fromMs, …)` next changes after `nowMs`: a second ahead while it counts
 * seconds, a minute while minutes, and so on. A screen showing ages re-renders only then.
 */
export function nextAgeChange(fromMs: number, nowMs: number): number {
	const elapsed = Math.max(0, nowMs - fromMs);
	const unit = elapsed < minute ? second : elapsed < hour ? minute : elapsed < day ? hour : day;
	return fromMs + (Math.floor(elapsed / unit) + 1) * unit;
}
