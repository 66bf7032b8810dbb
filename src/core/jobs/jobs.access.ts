// Background jobs are for staff: their results can name unpublished records.
import type { RouteAccess } from '../access';

export const jobsAccess: RouteAccess = {
  'GET /o/:org/jobs': 'staff',
  'GET /o/:org/jobs/:id': 'staff',
  'GET /api/v1/jobs/:id': 'staff',
};
