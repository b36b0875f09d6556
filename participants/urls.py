"""The participants app's pages: registration, invitations, vetting, profile, the list and the audit trail."""

from django.urls import path

from participants.views import (
    application,
    audit_trail,
    invitations,
    participant_list,
    personal_data,
    profile,
    registration,
    sign_in,
    vetting,
)

app_name = "participants"

urlpatterns = [
    # Visitors and applicants
    path("register/", registration.register, name="register"),
    path("register/check-your-inbox/", registration.register_done, name="register_done"),
    path("register/confirm/<str:token>/", registration.confirm_email, name="confirm_email"),
    path("invitation/<str:token>/", invitations.accept_invitation, name="accept_invitation"),
    path("application/", application.application_status, name="application_status"),
    path("application/resend-confirmation/", registration.resend_confirmation, name="resend_confirmation"),
    # Approved participants
    path("profile/", profile.profile, name="profile"),
    path("profile/withdraw/", profile.withdraw, name="withdraw"),
    path("profile/my-data.json", profile.download_data, name="download_data"),
    path("profile/delete/", personal_data.request_erasure, name="request_erasure"),
    # The Chair and the Secretariat
    path("invitations/", invitations.invitation_list, name="invitation_list"),
    path("invitations/new/", invitations.invite, name="invite"),
    path("invitations/<int:pk>/resend/", invitations.resend_invitation, name="resend_invitation"),
    path("invitations/<int:pk>/revoke/", invitations.revoke_invitation, name="revoke_invitation"),
    # The Secretariat
    path("participants/", participant_list.participant_list, name="participant_list"),
    path("participants/export.<str:fmt>", participant_list.export, name="export"),
    path("participants/<int:pk>/", participant_list.participant_detail, name="participant_detail"),
    path("participants/<int:pk>/decide/", vetting.decide, name="decide"),
    path("participants/<int:pk>/review-change/", vetting.review_change, name="review_change"),
    path("participants/<int:pk>/unlock/", sign_in.unlock, name="unlock"),
    path("participants/<int:pk>/reset-second-factor/", sign_in.reset_second_factor, name="reset_second_factor"),
    path("participants/<int:pk>/erase/", personal_data.erase, name="erase"),
    path("vetting/", vetting.vetting_queue_view, name="vetting_queue"),
    path("audit/", audit_trail.audit_trail, name="audit_trail"),
    path("audit/export.csv", audit_trail.audit_trail_csv, name="audit_trail_csv"),
]
