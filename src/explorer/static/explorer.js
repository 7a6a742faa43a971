/* global document, window, localStorage, React, ReactDOM, GraphiQL */
/**
 * 整零通 GraphQL explorer: GraphiQL (with React, both served by this service from node_modules)
 * and a sign-in bar. The token from the `login` mutation, or one pasted in, is kept in
 * localStorage and sent as `Authorization: Bearer …` with every request GraphiQL makes; an
 * Authorization header typed into GraphiQL's Headers tab wins over it. Plain browser script,
 * no build step.
 */
(function main() {
  'use strict';

  const TOKEN_KEY = 'zlt.explorer.token';
  const ENDPOINT = '/graphql';
  const $ = (id) => document.getElementById(id);

  const DEFAULT_QUERY = `# 整零通 GraphQL explorer
#
# 1. Sign in above (npm start prints the demo logins) or paste a token. Every request then
#    carries  Authorization: Bearer <token>  — kept in this browser until you sign out.
#    An Authorization header in the Headers tab below wins over it.
# 2. Ctrl-Enter runs the query, Ctrl-Space completes; the Docs (book icon) list every
#    query and mutation and who may call it.

query Me {
  me { email role organizationId }
}

# query Categories {
#   partCategories(parent: "CHASSIS") { code nameZh nameEn }
# }
`;

  // ---------------------------------------------------------------- API

  const token = () => localStorage.getItem(TOKEN_KEY);

  /** POST to the API with the stored token; `extraHeaders` (GraphiQL's Headers tab) win. */
  async function post(body, extraHeaders) {
    const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    const stored = token();
    if (stored) headers.authorization = `Bearer ${stored}`;
    for (const [name, value] of Object.entries(extraHeaders || {})) headers[name.toLowerCase()] = String(value);
    const response = await window.fetch(ENDPOINT, { method: 'POST', headers, body: JSON.stringify(body) });
    return response.json();
  }

  async function call(query, variables) {
    const result = await post({ query, variables });
    if (result.errors && result.errors.length) {
      const error = new Error(result.errors.map((e) => e.message).join('; '));
      error.code = result.errors[0].extensions && result.errors[0].extensions.code;
      throw error;
    }
    return result.data;
  }

  /** GraphiQL's fetcher: its query, variables and operation name as they are. */
  const fetcher = (params, options) => post(params, options && options.headers);

  // ---------------------------------------------------------------- sign-in bar

  function status(text, isError) {
    $('status').textContent = text;
    $('status').classList.toggle('error', Boolean(isError));
  }

  function signedOut(message, isError) {
    localStorage.removeItem(TOKEN_KEY);
    $('login-form').hidden = false;
    $('who').hidden = true;
    $('who-text').textContent = '';
    status(message || '未登录:只能调用公开的查询 · Not signed in: public queries only', isError);
  }

  /** Checks the stored token with `me`, and shows who is signed in. */
  async function showWho() {
    try {
      const { me } = await call('query ExplorerMe { me { email role } }');
      $('login-form').hidden = true;
      $('who').hidden = false;
      $('who-text').textContent = `${me.email} · ${me.role}`;
      status('每个请求都带 Authorization: Bearer <令牌> · Every request carries Authorization: Bearer <token>');
    } catch (error) {
      signedOut(`令牌无效或已过期,请重新登录 · Token refused (${error.code || error.message}): sign in again`, true);
    }
  }

  async function signIn(event) {
    event.preventDefault();
    status('登录中 Signing in…');
    try {
      const { login } = await call('mutation ExplorerLogin($input: LoginInput!) { login(input: $input) { token expiresAt } }', {
        input: { email: $('email').value.trim(), password: $('password').value },
      });
      localStorage.setItem(TOKEN_KEY, login.token);
      $('password').value = '';
      await showWho();
    } catch (error) {
      status(`登录失败 · Sign-in failed: ${error.message}`, true);
    }
  }

  async function useToken() {
    const value = $('token').value.trim().replace(/^Bearer\s+/i, '');
    if (!value) return;
    localStorage.setItem(TOKEN_KEY, value);
    $('token').value = '';
    await showWho();
  }

  // ---------------------------------------------------------------- start

  $('login-form').addEventListener('submit', signIn);
  $('token-button').addEventListener('click', useToken);
  $('logout').addEventListener('click', () => signedOut());

  ReactDOM.createRoot($('graphiql')).render(
    React.createElement(GraphiQL, { fetcher, defaultQuery: DEFAULT_QUERY, isHeadersEditorEnabled: true, shouldPersistHeaders: false }),
  );
  if (token()) showWho();
  else signedOut();
})();
