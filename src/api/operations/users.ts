import { NewUser, RoleList, User, UserPage, UserPatch } from '../schemas/user.js';
import { USER_STATUSES } from '../user-vocabulary.js';
import { operation, type DocsFor } from './operation.js';
import { enumParam, idParam, pageParamDocs, pageParams } from './params.js';

/** What a user change touches: the users list (a role change of someone else changes nothing the token sees). */
const USER_INVALIDATES = ['users'] as const;

/** The account's users and roles: inviting, resending and revoking invitations, changing roles, removing users. */
export const userOperations = {
  /** Every role of the product, with what it may do: any token may read them (the profile explains the user's own). */
  listRoles: operation({
    method: 'GET',
    path: '/roles',
    status: 200,
    response: RoleList,
    auth: 'bearer',
    capability: null,
    idempotency: 'none',
    reads: ['roles'],
  }),

  /** The account's members and open invitations, oldest first. */
  listUsers: operation({
    method: 'GET',
    path: '/users',
    query: { status: enumParam(USER_STATUSES), ...pageParams },
    status: 200,
    response: UserPage,
    auth: 'bearer',
    capability: 'users:manage',
    idempotency: 'none',
    reads: ['users'],
  }),

  /** Invites someone by email with a role: the new user is `invited` until they first sign in. */
  inviteUser: operation({
    method: 'POST',
    path: '/users',
    body: NewUser,
    status: 201,
    response: User,
    auth: 'bearer',
    capability: 'users:manage',
    idempotency: 'required',
    invalidates: USER_INVALIDATES,
  }),

  /** Sends an open invitation again. */
  resendInvitation: operation({
    method: 'POST',
    path: '/users/{id}/invitation',
    pathParams: { id: idParam },
    status: 200,
    response: User,
    auth: 'bearer',
    capability: 'users:manage',
    idempotency: 'required',
    invalidates: USER_INVALIDATES,
    notFound: true,
  }),

  /** Gives a member or an invitation another role. */
  updateUser: operation({
    method: 'PATCH',
    path: '/users/{id}',
    pathParams: { id: idParam },
    body: UserPatch,
    status: 200,
    response: User,
    auth: 'bearer',
    capability: 'users:manage',
    idempotency: 'required',
    invalidates: USER_INVALIDATES,
    notFound: true,
  }),

  /** Removes a member, or revokes an invitation. */
  removeUser: operation({
    method: 'DELETE',
    path: '/users/{id}',
    pathParams: { id: idParam },
    status: 204,
    response: null,
    auth: 'bearer',
    capability: 'users:manage',
    idempotency: 'required',
    invalidates: USER_INVALIDATES,
    notFound: true,
  }),
};

const LAST_ADMIN = 'The account’s last active administrator can be neither removed nor given another role (`last_admin`)';

export const userDocs: DocsFor<typeof userOperations> = {
  listRoles: {
    summary: 'The roles users can have: name, what each means, and the capabilities its tokens get.',
    description: 'Any valid token may read them: the users element offers them, the profile explains the user\'s own role.',
    tags: ['users'],
  },
  listUsers: {
    summary: 'The account\'s users — members and open invitations — oldest first, cursor-paginated. Needs `users:manage`.',
    description:
      'In the order they joined or were invited (`created_at`, then `id`), so a new invitation comes last and does not move the pages before it. ' +
      '`current` marks the token\'s own user, whose role and membership an element does not offer to change.',
    tags: ['users'],
    params: {
      status: '`active`: members only; `invited`: open invitations only; absent: both.',
      ...pageParamDocs,
    },
  },
  inviteUser: {
    summary: 'Invites someone by email with a role. Needs `users:manage` and an Idempotency-Key.',
    description:
      'The user is `invited` until they first sign in through the host\'s identity system, which sends the invitation email; a retry with ' +
      'the same key answers the same user. The email is unique per account, whatever its case.',
    tags: ['users'],
    problems: {
      409: { description: 'The email is already a member\'s or an open invitation\'s (the problem\'s `user_id` names it).', codes: ['user_exists'] },
      422: {
        description: 'A field is not acceptable: `email` not an e-mail address, `name` blank, `role` not one of `GET /roles`, `time_zone` not an IANA name (`errors` names each).',
        codes: ['validation_failed'],
      },
    },
  },
  resendInvitation: {
    summary: 'Sends an open invitation again (its `last_invited_at` moves). Needs `users:manage` and an Idempotency-Key.',
    tags: ['users'],
    params: { id: 'The user id.' },
    problems: {
      404: { description: 'No such user in this account.', codes: ['not_found'] },
      409: { description: 'The user has accepted the invitation already.', codes: ['not_invited'] },
    },
  },
  updateUser: {
    summary: 'Gives a member or an invitation another role. Needs `users:manage` and an Idempotency-Key.',
    description: `The user's next request has the new role's capabilities. ${LAST_ADMIN}; nobody changes their own role (\`own_role\`).`,
    tags: ['users'],
    params: { id: 'The user id.' },
    problems: {
      404: { description: 'No such user in this account.', codes: ['not_found'] },
      409: { description: 'The last administrator, or the token\'s own user.', codes: ['last_admin', 'own_role'] },
      422: { description: '`role` is not one of `GET /roles`.', codes: ['validation_failed'] },
    },
  },
  removeUser: {
    summary: 'Removes a member, or revokes an open invitation. Needs `users:manage` and an Idempotency-Key.',
    description: `The removed user's tokens are refused from their next request (401). ${LAST_ADMIN}; nobody removes themselves (\`own_removal\`).`,
    tags: ['users'],
    params: { id: 'The user id.' },
    problems: {
      404: { description: 'No such user in this account.', codes: ['not_found'] },
      409: { description: 'The last administrator, or the token\'s own user.', codes: ['last_admin', 'own_removal'] },
    },
  },
};
