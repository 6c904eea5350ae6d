// Where a signed-in user lands: after sign-in without a `next=`, at `/`, and from
// the "go back" links of error and not-found pages. While the demo bank is here
// that is its dashboard; without it, the profile page every app keeps (README
// "Make it yours" changes this one line). No imports: e2e/ reads it too.
// demo-bank:begin
export const HOME = { path: '/dashboard', label: 'dashboard' } as const;
// demo-bank:instead export const HOME = { path: '/profile', label: 'profile' } as const;
// demo-bank:end
