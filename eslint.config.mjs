// ESLint 9 flat config. Next 16 removed `next lint`: run `eslint .` (npm run lint).
import { defineConfig, globalIgnores } from 'eslint/config';
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextCoreWebVitals,
  ...nextTypescript,
  globalIgnores([
    '.next/**',
    '.next-bench/**', // npm run bench's build
    'node_modules/**',
    'prisma/generated/**',
    'prisma/variants/**',
    'tools/bench/peers/generated/**', // the peers' Prisma client (npm run prisma:generate)
    'tools/bench/peers/variants/**',
    '.tmp/**',
    '.data/**',
    'playwright-report/**',
    'test-results/**',
    'next-env.d.ts',
  ]),
  {
    // Playwright fixtures call a parameter named `use`, which the React hooks rule
    // mistakes for React's use() hook.
    files: ['e2e/**/*.ts', 'playwright.config.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    // Node-side tooling (Prisma engine glue, scripts, the lab in tools/) is not Next.js page code; this
    // rule is about Next's module system and misfires on wasm-bindgen style loaders.
    files: ['prisma/**', 'scripts/**', 'tools/**'],
    rules: { '@next/next/no-assign-module-variable': 'off' },
  },
  {
    rules: {
      // `_name` marks a deliberately unused binding.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
]);
