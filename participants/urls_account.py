"""Home, dashboard, and account URLs (names without a namespace, as Django's auth expects)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from participants.views import account, public

urlpatterns = [
    path("", public.home, name="home"),
    path("dashboard/", public.dashboard, name="dashboard"),
    path("account/login/", account.LoginView.as_view(), name="login"),
    path("account/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", account.account, name="account"),
    path("account/two-factor/", account.two_factor, name="two_factor"),
    path("account/two-factor/backup-codes/", account.backup_codes, name="two_factor_backup_codes"),
    path("account/two-factor/set-up-link/", account.two_factor_enrol_send, name="two_factor_enrol_send"),
    path("account/two-factor/set-up/<str:token>/", account.two_factor_enrol, name="two_factor_enrol"),
    path("account/password/reset/", account.PasswordResetView.as_view(), name="password_reset"),
    path(
        "account/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "account/password/reset/<uidb64>/<token>/",
        account.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="registration/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("account/password/change/", account.password_change, name="password_change"),
    path("account/password/change/done/", account.password_change_done, name="password_change_done"),
]
