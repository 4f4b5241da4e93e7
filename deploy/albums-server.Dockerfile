# albums-server: build the jar with `./albums build` first (server/target/albums-server.jar).
FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/albums albums
COPY server/target/albums-server.jar /opt/albums/albums-server.jar
USER albums
EXPOSE 8000
ENTRYPOINT ["java", "-Xmx256m", "-jar", "/opt/albums/albums-server.jar"]
