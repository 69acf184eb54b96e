/**
 * Runs `action` now (`now()`), or at most once per `intervalMs` however often `soon()` is called:
 * progress from thousands of small reads becomes a few frames, not one per read.
 */
export function throttled(
	intervalMs: number,
	action: () => void,
): {now(): void; soon(): void; cancel(): void} {
	let timer: NodeJS.Timeout | undefined;
	const run = () => {
		timer = undefined;
		action();
	};
	return {
		now() {
			if (timer) clearTimeout(timer);
			run();
		},
		soon() {
			timer ??= setTimeout(run, intervalMs);
		},
		cancel() {
			if (timer) clearTimeout(timer);
			timer = undefined;
		},
	};
}
