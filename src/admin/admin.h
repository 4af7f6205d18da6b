#ifndef ADMIN_ADMIN_H
#define ADMIN_ADMIN_H
#include "http/request.h"

void admin_index(struct req *r);
void admin_assoc_list(struct req *r);
void admin_assoc_new(struct req *r);
void admin_assoc_create(struct req *r);
void admin_assoc_edit(struct req *r);
void admin_assoc_update(struct req *r);
void admin_departments(struct req *r);
void admin_department_add(struct req *r);
void admin_areas(struct req *r);
void admin_area_add(struct req *r);
void admin_groups(struct req *r);
void admin_group_add(struct req *r);
void admin_settings(struct req *r);
void admin_settings_save(struct req *r);
void admin_users(struct req *r);
void admin_user_add(struct req *r);
void admin_user_role(struct req *r);
#endif
