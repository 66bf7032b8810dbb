// Who may call the core's own routes: home, health, sign-in, language, account, history, search, OpenAPI.
import type { RouteAccess } from '../access';

export const coreAccess: RouteAccess = {
  'GET /static/*': 'static',
  'GET /favicon.ico': 'static',
  'GET /healthz': 'public',
  'GET /': 'public',
  'GET /lang/:locale': 'self',
  'GET /sign-in': 'self',
  'POST /sign-in': 'self',
  'POST /sign-out': 'self',
  'GET /account': 'signed-in',
  'POST /account/password': 'signed-in',
  'POST /account/sign-out-everywhere': 'signed-in',
  'GET /o/:org/history/:type/:id': 'member',
  'GET /api/v1/history/:type/:id': 'admin',
  'GET /o/:org/search': 'public',
  'GET /o/:org/search.csv': 'public',
  'GET /o/:org/search.xlsx': 'public',
  'GET /api/v1/search': 'public',
  'GET /api/v1/openapi.json': 'public',
};
