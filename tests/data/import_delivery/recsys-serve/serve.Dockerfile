FROM python:3.12-slim
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY serve/ serve/
EXPOSE 9000
USER 1000
CMD uvicorn serve.app:app --host 0.0.0.0 --port 9000
