import type { ApolloServerPlugin } from '@apollo/server';

/**
 * A request refused before execution (a variable its type rejects, say) is a client error:
 * answered 400, not the 500 Apollo gives when it cannot tell.
 */
export function clientErrorStatus(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || response.http.status !== 500) return;
          const { data, errors } = response.body.singleResult;
          const internal = errors?.some((e) => e.extensions?.code === 'INTERNAL');
          if (data === undefined && errors && errors.length > 0 && !internal) response.http.status = 400;
        },
      };
    },
  };
}
