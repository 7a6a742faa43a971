import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/**
 * The floors of the house (docs/architecture.md), lowest first: config → common, access,
 * locality → reference data → organisations and auth → the market → what reads the market →
 * app. A folder imports only from floors below it. `import-x/no-restricted-paths` holds the
 * boundaries below; it resolves each relative import to its file (`.js` specifiers to the
 * `.ts` sources, see the resolver setting), and an import it cannot resolve is not checked —
 * typecheck catches those.
 */
const FIRST_FLOOR = ['./config', './common', './access', './locality'];
const MARKET = ['./src/requirements', './src/suppliers', './src/search', './src/matching', './src/quotes', './src/contracts'];
const MARKET_READERS = ['./src/sourcing-stats', './src/notifications', './src/documents', './src/dashboard'];
const FLOOR_ZONES = [
  {
    target: './src/config',
    from: './src',
    except: ['./config'],
    message: 'src/config is the bottom floor: it imports nothing from the rest of src/.',
  },
  {
    target: ['./src/common', './src/access', './src/locality'],
    from: './src',
    except: FIRST_FLOOR,
    message: 'common/, access/ and locality/ are the first floor: they import no feature folder (docs/architecture.md).',
  },
  {
    target: ['./src/regions', './src/taxonomy'],
    from: './src',
    except: [...FIRST_FLOOR, './regions', './taxonomy'],
    message: 'Reference data (regions/, taxonomy/) imports only the first floor and each other (docs/architecture.md).',
  },
  {
    target: ['./src/organizations', './src/auth'],
    from: [...MARKET, ...MARKET_READERS],
    message: 'organizations/ and auth/ sit below the market: they import no market feature (docs/architecture.md).',
  },
  {
    target: MARKET,
    from: MARKET_READERS,
    message: 'The market imports nothing from what reads it (sourcing-stats/ …): shared arithmetic belongs in src/locality.',
  },
  {
    target: './src/quotes',
    from: './src/contracts',
    message: 'quotes/ sits below contracts/ (contracts → quotes → requirements): move what both need to src/common or src/locality.',
  },
  {
    target: './migrations',
    from: './src',
    message: 'A migration is history: it carries its own data (migrations/data/) and imports nothing from src/.',
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'coverage/', 'test/artifacts/', 'src/dashboard/vendor/', 'web/dist/', 'web/src/gql/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', globalThis: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'migrations/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'], extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: FLOOR_ZONES }],
    },
  },
  {
    // locality/ is pure arithmetic and rules: no framework, no database.
    files: ['src/locality/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg-*'], message: 'src/locality is pure: no Nest, TypeORM or database imports.' }] }],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
