from django.urls import path

from nastavnik.documents import views

urlpatterns = [
    path("", views.documents_home, name="documents_home"),
    path("orders/<int:pk>/", views.order_detail, name="order_detail"),
    path("orders/<int:pk>/docx/", views.order_docx, name="order_docx"),
    path("orders/<int:pk>/pdf/", views.order_pdf, name="order_pdf"),
    path("<slug:code>/", views.order_register, name="order_register"),
    path("<slug:code>/issue/<slug:kind>/", views.order_issue, name="order_issue"),
]
