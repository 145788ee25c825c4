export function tableOf(router: object): Record<string, unknown>;
export function sdkRouters(): object;
export function routesSource(): string;
export function consoleRouters(): object;
export function consoleRoutesSource(): string;
