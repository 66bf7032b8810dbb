// Who may call each assignments route: published ones are public, managing them is for staff.
import type { RouteAccess } from '../../core/access';

export const assignmentsAccess: RouteAccess = {
  'GET /o/:org/assignments': 'public',
  'GET /o/:org/assignments.csv': 'public',
  'GET /o/:org/assignments.xlsx': 'public',
  'GET /o/:org/assignments/new': 'staff',
  'POST /o/:org/assignments': 'staff',
  'GET /o/:org/assignments/:id': 'public-published',
  'GET /o/:org/assignments/:id/edit': 'staff',
  'POST /o/:org/assignments/:id': 'staff',
  'POST /o/:org/assignments/:id/status': 'staff',
  'POST /o/:org/assignments/:id/publish': 'staff',
  'POST /o/:org/assignments/:id/unpublish': 'staff',
  'POST /o/:org/assignments/:id/archive': 'staff',
  'POST /o/:org/assignments/:id/restore': 'staff',
  'POST /o/:org/assignments/bulk-status': 'staff',
  'GET /api/v1/assignments': 'public',
  'GET /api/v1/assignments/:id': 'public-published',
  'POST /api/v1/assignments': 'staff',
  'PUT /api/v1/assignments/:id': 'staff',
  'POST /api/v1/assignments/:id/status': 'staff',
  'POST /api/v1/assignments/:id/publish': 'staff',
  'POST /api/v1/assignments/:id/archive': 'staff',
  'POST /api/v1/assignments/bulk-status': 'staff',
  'GET /api/v1/feeds/assignments.atom': 'public',
};
