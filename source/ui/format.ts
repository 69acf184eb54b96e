/** Short ages for tables: "45s", "12m", "5h", "3d". */
export function age(fromMs: number, nowMs: number): string {
	const seconds = Math.max(0, Math.round((nowMs - fromMs) / 1000));
	if (seconds < 60) return `${seconds}s`;
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
	if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
	return `${Math.floor(seconds / 86_400)}d`;
}

/** A UTC-free local time for people: "2026-11-25 09:05". */
export function localTime(ms: number): string {
	const date = new Date(ms);
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
